//! Offer the model a tool, then answer its tool call and get the final reply.
//!
//! `GRADIENT_MODEL_ACCESS_KEY=... cargo run -p gradient --example tools`

use gradient::{
    AssistantMessage, ChatCompletionRequest, Client, FunctionDefinition, Message, Tool,
    ToolChoiceMode, ToolMessage, UserMessage,
};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::from_env()?;
    let parameters = serde_json::json!({
        "type": "object",
        "properties": { "city": { "type": "string" } },
        "required": ["city"],
    });
    let weather = Tool::new(
        FunctionDefinition::new("get_weather")
            .description("Current weather for a city.")
            .parameters(parameters.as_object().cloned().unwrap_or_default()),
    );
    let mut messages: Vec<Message> = vec![UserMessage::new("What's the weather in Lisbon?").into()];
    let request = ChatCompletionRequest::new("llama3-8b-instruct", messages.clone())
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
    let follow_up = ChatCompletionRequest::new("llama3-8b-instruct", messages).tools(vec![weather]);
    let answer = client.chat().completions().create(&follow_up).await?;
    if let Some(choice) = answer.choices.first() {
        println!("{}", choice.message.content.as_deref().unwrap_or(""));
    }
    Ok(())
}
