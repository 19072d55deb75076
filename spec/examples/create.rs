//! Ask for one chat completion and print the answer.
//!
//! `GRADIENT_MODEL_ACCESS_KEY=... cargo run -p gradient --example create`

use gradient::{ChatCompletionRequest, Client, SystemMessage, UserMessage};

#[tokio::main]
async fn main() -> Result<(), gradient::Error> {
    let client = Client::from_env()?;
    let request = ChatCompletionRequest::new(
        "llama3-8b-instruct",
        vec![
            SystemMessage::new("You are a terse assistant.").into(),
            UserMessage::new("Name three prime numbers.").into(),
        ],
    )
    .temperature(0.2)
    .max_tokens(64);

    let response = client
        .chat()
        .completions()
        .create_with_options(&request, &Default::default())
        .await?;
    if let Some(id) = response.request_id() {
        eprintln!("request id: {id}");
    }
    for choice in &response.body.choices {
        println!("{}", choice.message.content.as_deref().unwrap_or(""));
    }
    Ok(())
}
