// Package testutil holds the SDK's shared test helpers.
//
// It has three parts:
//
//   - httpmock helpers. Every test builds its own transport with
//     [NewMockTransport] and injects it as the innermost (base) transport of
//     the client under test, so the SDK's retry, auth and header layers all
//     run against the mock and tests can use t.Parallel. httpmock.Activate is
//     never used. [MockIMSToken] mocks Adobe IMS and counts token requests;
//     [JSONResponder], [SequenceResponder], [ErrorResponder] and [Recorder]
//     build responses and capture requests; [AssertMethod], [AssertHeader],
//     [AssertQuery], [AssertJSONBody] and [AssertCalls] check what was sent.
//
//   - Contract checks against Adobe's published specifications, stored
//     verbatim in the repository's testdata/specs folder. [LoadSpec] loads an
//     OpenAPI 3 or Swagger 2.0 document, [Spec.ValidateRequest] and
//     [Spec.ValidateResponse] check traffic against it, and
//     [ValidatingTransport] checks every request of a test automatically.
//     Documented deviations of Adobe's real services from their specs are
//     accepted per test with [Spec.Allow].
//
//   - [LoadPostman] and [ShapeMatches], which compare the SDK's User
//     Management API requests with Adobe's official Postman samples (Adobe
//     publishes no OpenAPI document for that API).
//
// Test data is found with [Fixture], relative to the repository's testdata
// folder, from any package directory.
package testutil
