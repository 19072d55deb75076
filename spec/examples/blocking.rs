//! The blocking client: one chat completion, then a streamed one, with no async code.
//!
//! `GRADIENT_MODEL_ACCESS_KEY=... cargo run -p gradient --features blocking --example blocking`

use std::io::Write;

use gradient::{ChatCompletionRequest, UserMessage};

fn main() -> Result<(), gradient::Error> {
    let client = gradient::blocking::Client::from_env()?;
    let request = ChatCompletionRequest::new(
        "llama3-8b-instruct",
        vec![UserMessage::new("Name three prime numbers.").into()],
    )
    .max_tokens(64);

    let completion = client.chat().completions().create(&request)?;
    for choice in &completion.choices {
        println!("{}", choice.message.content.as_deref().unwrap_or(""));
    }

    // A stream is an `Iterator`; `?` stops at the first error (such as a cut-off stream).
    for chunk in client.chat().completions().create_stream(&request)? {
        for choice in &chunk?.choices {
            if let Some(text) = choice.delta.content.get() {
                print!("{text}");
                std::io::stdout().flush().ok();
            }
        }
    }
    println!();
    Ok(())
}
