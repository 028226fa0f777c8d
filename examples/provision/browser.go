package main

import (
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/go-adobe/adobe/adobetest"
)

// playBrowser plays the user's browser against the embedded fake: it opens
// the authorize URL through the fake (which logs the demo user in) and
// follows IMS's redirect to the loopback callback over the real network.
func playBrowser(f *adobetest.Fake) func(string) error {
	fakeRT := f.Transport()
	return func(authorizeURL string) error {
		hc := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
			if strings.HasPrefix(r.URL.Host, "127.0.0.1") {
				return http.DefaultTransport.RoundTrip(r)
			}
			return fakeRT.RoundTrip(r)
		})}
		resp, err := hc.Get(authorizeURL)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		_, _ = io.Copy(io.Discard, resp.Body)
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("the login callback answered %s", resp.Status)
		}
		return nil
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
