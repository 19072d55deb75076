// @generated: copied by `cargo xtask generate` from `codegen/runtime/`. Do not edit.
//! Success outcomes: a response decoded by its status, for operations whose success
//! statuses return different bodies (the enums of the crate's `outcomes` module).

use reqwest::StatusCode;
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::client::{Client, Request};
use super::error::Error;
use super::response::ApiResponse;

/// A success response decoded according to its status. Implemented by the enums of
/// the crate's `outcomes` module.
pub trait Outcome: Sized {
    /// The variant for `status`, its body decoded from `body`; an error when the body
    /// does not decode or the status is not one the operation declares.
    fn from_response(status: StatusCode, body: &[u8]) -> Result<Self, Error>;
}

/// Decodes a JSON success body, keeping its first bytes in the error.
// Only APIs with outcome enums call these.
#[allow(dead_code)]
pub(crate) fn decode_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, Error> {
    super::decode::from_slice(body).map_err(|e| e.with_body(body))
}

/// The error for a success status the operation does not declare.
#[allow(dead_code)]
pub(crate) fn undeclared(status: StatusCode, body: &[u8]) -> Error {
    Error::decode(
        "",
        format!("the server answered {status}, a success status the operation does not declare"),
    )
    .with_body(body)
}

impl Client {
    /// Sends a request and decodes the response by its status into `T`.
    #[allow(dead_code)]
    pub(crate) async fn execute_outcome<B: Serialize + ?Sized, T: Outcome>(
        &self,
        req: Request<'_, B>,
    ) -> Result<ApiResponse<T>, Error> {
        let (status, headers, bytes) = self.execute_raw(req, "application/json").await?;
        let body = T::from_response(status, &bytes)?;
        Ok(ApiResponse {
            status,
            headers,
            body,
        })
    }
}
