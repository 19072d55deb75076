//! Stream a chat completion, printing text as it arrives.
//!
//! `GRADIENT_MODEL_ACCESS_KEY=... cargo run -p gradient --example stream`

use std::io::Write;

use gradient::{ChatCompletionRequest, Client, StreamExt, UserMessage};

#[tokio::main]
async fn main() -> Result<(), gradient::Error> {
    let client = Client::from_env()?;
    let request = ChatCompletionRequest::new(
        "llama3-8b-instruct",
        vec![UserMessage::new("Write a haiku about Rust.").into()],
    );

    let mut stream = client.chat().completions().create_stream(&request).await?;
    while let Some(chunk) = stream.next().await {
        let chunk = chunk?;
        for choice in &chunk.choices {
            if let Some(text) = choice.delta.content.get() {
                print!("{text}");
                std::io::stdout().flush().ok();
            }
        }
    }
    println!();
    Ok(())
}
