package adobe_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/adobetest"
	"github.com/go-adobe/adobe/auth"
	"github.com/go-adobe/adobe/ims"
)

// Every API error is an *adobe.Error: read Adobe's status and code with
// errors.As, classify it with errors.Is.
func Example_errors() {
	fake, _ := adobetest.New()
	c, _ := ims.NewClient(ims.WithHTTPOptions(auth.WithBaseTransport(fake.Transport())))

	_, err := c.UserInfo(context.Background(), "", auth.Secret("not-a-token"))
	var ae *adobe.Error
	if errors.As(err, &ae) {
		fmt.Println(ae.StatusCode, ae.Code, ae.RequestID != "")
	}
	fmt.Println(errors.Is(err, adobe.ErrUnauthorized), errors.Is(err, adobe.ErrNotFound))

	// Invalid input is refused before any request.
	_, err = c.UserInfo(context.Background(), "", "")
	fmt.Println(errors.Is(err, adobe.ErrInvalidArgument))
	// Output:
	// 401 invalid_token true
	// true false
	// true
}
