package core

import "github.com/go-adobe/adobe"

// The root package's vocabulary under the names the core has always used
// internally. Exported signatures of the public packages name the adobe
// types themselves (a test checks it).
type (
	Error          = adobe.Error
	RateLimitError = adobe.RateLimitError
	ArgError       = adobe.ArgError
	RequestOption  = adobe.RequestOption
	RequestConfig  = adobe.RequestConfig
	Response       = adobe.Response
)

// Sentinels of the root package.
var (
	ErrNotFound        = adobe.ErrNotFound
	ErrUnauthorized    = adobe.ErrUnauthorized
	ErrForbidden       = adobe.ErrForbidden
	ErrRateLimited     = adobe.ErrRateLimited
	ErrConflict        = adobe.ErrConflict
	ErrInvalidArgument = adobe.ErrInvalidArgument
)

// MaxErrorBody is how many bytes of an error response body an Error keeps.
const MaxErrorBody = adobe.MaxErrorBody
