//! Offer the model a tool, then answer its tool call and get the final reply.
//!
//! `GRADIENT_MODEL_ACCESS_KEY=... cargo run -p gradient --example tools`
//! (`GRADIENT_MODEL=...` picks another model than `llama3-8b-instruct`)

use gradient::{
    AssistantMessage, ChatCompletionRequest, Client, FunctionDefinition, Message, Tool,
    ToolChoiceMode, ToolMessage, UserMessage,
};

/// The model to ask, from `GRADIENT_MODEL` if set.
fn model() -> String {
    std::env::var("GRADIENT_MODEL")
        .ok()
        .filter(|m| !m.trim().is_empty())
        .unwrap_or_else(|| "llama3-8b-instruct".to_string())
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::from_env()?;
    let model = model();
    let weather = Tool::new(
        FunctionDefinition::new("get_weather")
            .description("Current weather for a city.")
            .parameters(serde_json::json!({
                "type": "object",
                "properties": { "city": { "type": "string" } },
                "required": ["city"],
            })),
    );
    let mut messages: Vec<Message> = vec![UserMessage::new("What's the weather in Lisbon?").into()];
    let request = ChatCompletionRequest::new(model.clone(), messages.clone())
        .tools(vec![weather.clone()])
        .tool_choice(ToolChoiceMode::Auto);
    let completion = client.chat().completions().create(&request).await?;

    let Some(choice) = completion.choices.first() else {
        return Ok(());
    };
    let Some(calls) = &choice.message.tool_calls else {
        println!("{}", choice.message.content.as_deref().unwrap_or(""));
        return Ok(());
    };
    messages.push(AssistantMessage::new().tool_calls(calls.clone()).into());
    for call in calls {
        eprintln!(
            "model called {}({})",
            call.function.name, call.function.arguments
        );
        let result = r#"{"temperature_c": 21, "sky": "clear"}"#;
        messages.push(ToolMessage::new(result, call.id.clone()).into());
    }
    let follow_up = ChatCompletionRequest::new(model, messages).tools(vec![weather]);
    let answer = client.chat().completions().create(&follow_up).await?;
    if let Some(choice) = answer.choices.first() {
        println!("{}", choice.message.content.as_deref().unwrap_or(""));
    }
    Ok(())
}
