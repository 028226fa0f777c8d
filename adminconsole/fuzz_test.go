package adminconsole_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/adminconsole"
	"github.com/go-adobe/adobe/adobetest"
)

// The decoders of Adobe's answers, fuzzed through the client: the body (and
// status) of every UMAPI answer comes from the fuzzer, the token from the
// fake. Whatever Adobe sends, a call returns a value or a typed error, never
// panics, and never reports success it did not read.

type fuzzServer struct {
	mu     sync.Mutex
	status int
	body   string
}

func (s *fuzzServer) set(status int, body string) {
	s.mu.Lock()
	s.status, s.body = status, body
	s.mu.Unlock()
}

var (
	fuzzOnce   sync.Once
	fuzzSrv    = &fuzzServer{}
	fuzzClient *adminconsole.Client
	fuzzErr    error
)

func fuzzSetup(t testing.TB) (*adminconsole.Client, *fuzzServer) {
	fuzzOnce.Do(func() {
		f, err := adobetest.New(adobetest.WithRandSeed(7))
		if err != nil {
			fuzzErr = err
			return
		}
		rt := roundTripFunc(func(req *http.Request) (*http.Response, error) {
			if !strings.Contains(req.URL.Path, "/v2/usermanagement/") {
				return f.Transport().RoundTrip(req)
			}
			fuzzSrv.mu.Lock()
			status, body := fuzzSrv.status, fuzzSrv.body
			fuzzSrv.mu.Unlock()
			return statusAnswer(req, status, body), nil
		})
		fuzzClient, fuzzErr = newTestClient(f, rt, 0)
	})
	if fuzzErr != nil {
		t.Fatal(fuzzErr)
	}
	return fuzzClient, fuzzSrv
}

func fuzzStatus(s uint16) int {
	switch s % 6 {
	case 0, 1, 2:
		return 200
	case 3:
		return 400
	case 4:
		return 404
	}
	return 403
}

// sdkError reports whether err is one the package documents.
func sdkError(err error) bool {
	var (
		ae *adobe.Error
		re *adobe.ResponseError
		ar *adobe.ArgError
	)
	return errors.As(err, &ae) || errors.As(err, &re) || errors.As(err, &ar)
}

func FuzzGroupsPage(f *testing.F) {
	f.Add(uint16(0), `{"lastPage":true,"result":"success","groups":[{"groupId":4147407,"groupName":"P1","type":"PRODUCT_PROFILE","productName":"Adobe Analytics","licenseQuota":"8","memberCount":2}]}`)
	f.Add(uint16(0), `{"lastPage":false,"groups":[{"groupId":"12","groupName":"UG","type":"USER_GROUP","licenseQuota":8}]}`)
	f.Add(uint16(4), `{"lastPage":true,"result":"Not found"}`)
	f.Add(uint16(4), `{"lastPage":false,"result":"error.group.not_found","message":"Not found: Group 1234"}`)
	f.Add(uint16(0), `{"groups":null}`)
	f.Add(uint16(0), `null`)
	f.Add(uint16(0), `{"lastPage":true,"groups":[{"groupName":`)
	c, srv := fuzzSetup(f)
	f.Fuzz(func(t *testing.T, status uint16, body string) {
		srv.set(fuzzStatus(status), body)
		groups, resp, err := c.Groups.List(context.Background(), 0)
		switch {
		case err != nil && !sdkError(err):
			t.Fatalf("untyped error %T: %v", err, err)
		case err == nil && (resp == nil || resp.Page == nil):
			t.Fatalf("success without a page: %v", resp)
		case err == nil && !resp.Page.Last && len(groups) == 0 && fuzzStatus(status) == 200 && !strings.Contains(body, `"groups"`):
			t.Fatalf("a page without groups read as an empty page: %q", body)
		}
		for g, err := range c.Groups.ListIter(context.Background()) {
			if err != nil && !sdkError(err) {
				t.Fatalf("ListIter: untyped error %T: %v", err, err)
			}
			_ = g
			break
		}
	})
}

func FuzzUsersPage(f *testing.F) {
	f.Add(uint16(0), `{"lastPage":true,"result":"success","users":[{"id":"1@AdobeID","email":"a@b.com","status":"active","type":"adobeID","groups":["P1","_admin_P1"],"country":"US"}]}`)
	f.Add(uint16(0), `{"result":"success","user":{"email":"a@b.com","type":"federatedID","groups":["P"]}}`)
	f.Add(uint16(0), `{"result":"success","user":null}`)
	f.Add(uint16(4), `{"result":"error.user.not_found","message":"User not found a@b.com"}`)
	f.Add(uint16(5), ``)
	f.Add(uint16(0), `{"lastPage":false,"users":[{"email":1}]}`)
	c, srv := fuzzSetup(f)
	f.Fuzz(func(t *testing.T, status uint16, body string) {
		srv.set(fuzzStatus(status), body)
		_, resp, err := c.Users.List(context.Background(), 0, nil)
		if err != nil && !sdkError(err) {
			t.Fatalf("List: untyped error %T: %v", err, err)
		}
		if err == nil && (resp == nil || resp.Page == nil) {
			t.Fatalf("List: success without a page")
		}
		u, _, err := c.Users.Get(context.Background(), "a@b.com", nil)
		switch {
		case err != nil && !sdkError(err):
			t.Fatalf("Get: untyped error %T: %v", err, err)
		case err == nil && u == nil:
			t.Fatal("Get: success without a user")
		case err != nil && errors.Is(err, adobe.ErrNotFound) && fuzzStatus(status) != 404:
			t.Fatalf("Get: %d answer read as not found: %v", fuzzStatus(status), err)
		}
	})
}

func FuzzActionResult(f *testing.F) {
	f.Add(uint16(0), `{"completed":1,"notCompleted":0,"completedInTestMode":0,"result":"success"}`)
	f.Add(uint16(0), `{"completed":0,"notCompleted":1,"result":"error","errors":[{"index":0,"step":"1","requestID":"cmd0","message":"m","errorCode":"error.user.nonexistent","user":"a@b.com"}]}`)
	f.Add(uint16(0), `{"completed":1,"notCompleted":1,"result":"partial","errors":[{"index":7,"step":-3,"requestID":"nope","errorCode":"x"}],"warnings":[{"index":0,"warningCode":"warning.command.deprecated"}]}`)
	f.Add(uint16(3), `{"result":"error.organization.invalid_id","message":"Bad organization Id"}`)
	f.Add(uint16(3), `{"errorMessage":"DUPLICATE_GROUP_NAME","errorCode":"DUPLICATE_GROUP_NAME"}`)
	f.Add(uint16(5), ``)
	f.Add(uint16(0), `{"result":"partial"}`)
	c, srv := fuzzSetup(f)
	cmds := []adminconsole.Command{
		adminconsole.ForUser("a@b.com", adminconsole.AddAdobeID{Email: "a@b.com"}, adminconsole.AddToGroups{Groups: []string{"P"}}),
		adminconsole.ForUserGroup("UG", adminconsole.AddToUserGroup{ProductProfiles: []string{"P"}}),
	}
	f.Fuzz(func(t *testing.T, status uint16, body string) {
		srv.set(fuzzStatus(status), body)
		res, err := c.Actions.Do(context.Background(), cmds, nil)
		var ae *adminconsole.ActionError
		switch {
		case res == nil:
			t.Fatalf("no result: %v", err)
		case err == nil && !res.OK():
			t.Fatalf("success with failures: %+v", res)
		case err != nil && !errors.As(err, &ae):
			t.Fatalf("error %T is not an *ActionError: %v", err, err)
		case err != nil && ae.Result != res:
			t.Fatal("the error's result is not the result returned")
		}
		for _, f := range append(res.Failures, res.Warnings...) {
			if f.Command < -1 || f.Command >= len(cmds) || f.Step < -1 || f.Command >= 0 && f.Step >= len(cmds[f.Command].Steps) {
				t.Fatalf("failure out of range: %+v", f)
			}
			_ = f.String()
		}
		if err != nil && err.Error() == "" {
			t.Fatal("empty error message")
		}
	})
}
