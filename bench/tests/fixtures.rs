//! The benchmark inputs stay valid for both clients: if a generated type
//! changes so that a fixture no longer decodes (or the request no longer
//! encodes the same), the comparison would be void, so fail here first.

use async_openai::types::chat::{
    CreateChatCompletionRequest, CreateChatCompletionResponse, CreateChatCompletionStreamResponse,
};
use futures_util::StreamExt as _;

#[test]
fn completions_decode_in_both_clients() {
    for text in [bench::small_completion(), bench::large_completion(1 << 20)] {
        let ours: gradient::ChatCompletion = serde_json::from_str(&text).unwrap();
        let theirs: CreateChatCompletionResponse = serde_json::from_str(&text).unwrap();
        assert_eq!(ours.choices.len(), theirs.choices.len());
        assert_eq!(
            ours.choices[0].message.content,
            theirs.choices[0].message.content
        );
    }
}

#[test]
fn request_encodes_the_same_in_both_clients() {
    let value = bench::request_value(100);
    let ours: gradient::ChatCompletionRequest = serde_json::from_value(value.clone()).unwrap();
    let theirs: CreateChatCompletionRequest = serde_json::from_value(value.clone()).unwrap();
    let mut a: serde_json::Value = serde_json::to_value(&ours).unwrap();
    let mut b: serde_json::Value = serde_json::to_value(&theirs).unwrap();
    let mut expected = value;
    for v in [&mut a, &mut b, &mut expected] {
        bench::strip_nulls(v);
    }
    assert_eq!(a, expected);
    assert_eq!(b, expected);
}

#[test]
fn stream_decodes_in_both_clients() {
    let payloads = bench::chunk_payloads(1000);
    let body = bench::sse_body(&payloads);
    let mut parts = Vec::new();
    let mut at = 0;
    for size in bench::read_sizes(body.len(), 42) {
        parts.push(bytes::Bytes::copy_from_slice(&body[at..at + size]));
        at += size;
    }
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let ours: Vec<gradient::ChatCompletionChunk> = rt.block_on(async {
        let body =
            futures_util::stream::iter(parts.clone().into_iter().map(Ok::<_, gradient::Error>));
        gradient::SseStream::from_byte_stream(body)
            .map(|r| r.unwrap())
            .collect()
            .await
    });
    let theirs: Vec<CreateChatCompletionStreamResponse> = rt.block_on(async {
        let body = futures_util::stream::iter(parts.into_iter().map(Ok::<_, std::io::Error>));
        eventsource_stream::EventStream::new(body)
            .map(|e| e.unwrap())
            .take_while(|e| std::future::ready(e.data != "[DONE]"))
            .map(|e| serde_json::from_str(&e.data).unwrap())
            .collect()
            .await
    });
    assert_eq!(ours.len(), 1000);
    assert_eq!(theirs.len(), 1000);
    let text = |c: &gradient::ChatCompletionChunk| {
        c.choices
            .first()
            .and_then(|c| c.delta.content.clone().value())
    };
    for (a, b) in ours.iter().zip(&theirs) {
        assert_eq!(
            text(a),
            b.choices.first().and_then(|c| c.delta.content.clone())
        );
    }
    for (a, p) in ours.iter().zip(&payloads) {
        let floor: gradient::ChatCompletionChunk = serde_json::from_str(p).unwrap();
        assert_eq!(a, &floor);
    }
}
