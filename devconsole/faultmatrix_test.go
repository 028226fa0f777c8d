package devconsole_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/adobetest"
	"github.com/go-adobe/adobe/auth"
	"github.com/go-adobe/adobe/devconsole"
)

// faultKind is one way a request can fail. Kinds the fake expresses are
// injected into it just before the faulted request; the others are made by
// faultTransport around the fake.
type faultKind string

const (
	fault500       faultKind = "500"
	fault502       faultKind = "502"
	fault503       faultKind = "503"
	fault429       faultKind = "429+Retry-After"
	faultDrop      faultKind = "dropped connection"
	faultLost      faultKind = "answer lost after the write"
	faultMalformed faultKind = "malformed JSON"
	faultSlow      faultKind = "slow answer past the deadline"
	faultSlowAfter faultKind = "slow answer after the write"
	faultEmpty     faultKind = "empty 2xx after the write"
	faultGarbled   faultKind = "garbled 2xx after the write"
)

var allFaults = []faultKind{fault500, fault502, fault503, fault429, faultDrop, faultLost, faultMalformed, faultSlow, faultSlowAfter, faultEmpty, faultGarbled}

// faultTransport forwards to the fake and faults the n-th request (1-based)
// whose path matches, on its first attempt only (a retry goes through).
type faultTransport struct {
	fake  *adobetest.Fake
	match func(*http.Request) bool

	mu    sync.Mutex
	seen  int
	n     int
	kind  faultKind
	fired string // the faulted request, once fired
}

// arm faults the n-th matching request from now on with kind.
func (ft *faultTransport) arm(n int, kind faultKind) {
	ft.mu.Lock()
	defer ft.mu.Unlock()
	ft.seen, ft.n, ft.kind, ft.fired = 0, n, kind, ""
}

// disarm stops faulting and returns the request that was faulted ("" if
// none was).
func (ft *faultTransport) disarm() string {
	ft.mu.Lock()
	fired := ft.fired
	ft.mu.Unlock()
	ft.arm(0, "")
	return fired
}

func (ft *faultTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	next := ft.fake.Transport()
	if !ft.match(r) {
		return next.RoundTrip(r)
	}
	ft.mu.Lock()
	ft.seen++
	fire := ft.n > 0 && ft.seen == ft.n
	kind := ft.kind
	if fire {
		ft.fired = r.Method + " " + r.URL.Path
	}
	ft.mu.Unlock()
	if !fire {
		return next.RoundTrip(r)
	}
	native := adobetest.Fault{Route: "*", Times: 1}
	switch kind {
	case fault500, fault502, fault503:
		fmt.Sscan(string(kind), &native.Status)
	case fault429:
		native.Status, native.RetryAfter = http.StatusTooManyRequests, "2"
	case faultDrop:
		native.Drop = true
	case faultLost:
		native.LoseResponse = true
	case faultMalformed:
		native.Status, native.Body = http.StatusOK, `{"id": "12`
	case faultSlow:
		native.Latency = time.Hour
	}
	if native.Status != 0 || native.Drop || native.LoseResponse || native.Latency != 0 {
		if err := ft.fake.InjectFault(native); err != nil {
			return nil, err
		}
		return next.RoundTrip(r)
	}
	resp, err := next.RoundTrip(r) // the write is applied
	if err != nil {
		return resp, err
	}
	switch kind {
	case faultSlowAfter:
		resp.Body.Close()
		<-r.Context().Done()
		return nil, r.Context().Err()
	case faultEmpty, faultGarbled:
		if resp.StatusCode/100 != 2 {
			return resp, nil
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if kind == faultEmpty {
			body = nil
		} else {
			body = body[:len(body)/2]
			if len(body) == 0 {
				body = []byte("{")
			}
		}
		resp.Body = io.NopCloser(bytes.NewReader(body))
		resp.ContentLength = int64(len(body))
		resp.Header = resp.Header.Clone()
		resp.Header.Del("Content-Length")
		return resp, nil
	}
	return resp, nil
}

func consolePath(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/console/") }

// typed reports whether err is one of the SDK's typed errors.
func typed(err error) bool {
	var (
		e1 *adobe.Error
		e2 *adobe.ResponseError
		e3 *adobe.RequestError
		e4 *adobe.ArgError
		e5 *adobe.WaitTimeoutError
		e6 *devconsole.SecretLimitError
		e7 *devconsole.VerificationError
	)
	return errors.As(err, &e1) || errors.As(err, &e2) || errors.As(err, &e3) || errors.As(err, &e4) || errors.As(err, &e5) ||
		errors.As(err, &e6) || errors.As(err, &e7)
}

// matrixEnv is one cell's world: a fake with the connector's profile and a
// client whose Console requests go through a faultTransport.
type matrixEnv struct {
	fake *adobetest.Fake
	ft   *faultTransport
	c    *devconsole.Client
}

func newMatrixEnv(t *testing.T, match func(*http.Request) bool) *matrixEnv {
	t.Helper()
	fake, err := adobetest.New()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fake.CreateProductProfile("", "reserved_campaign_classic_Acme", adobetest.Permissions{}); err != nil {
		t.Fatal(err)
	}
	ft := &faultTransport{fake: fake, match: match}
	cfg, err := auth.NewConfig(bootstrapCreds(fake), auth.WithBaseTransport(ft),
		auth.WithRetryPolicy(auth.RetryPolicy{WaitMin: 10 * time.Millisecond, WaitMax: 20 * time.Millisecond, MaxRetryAfter: 5 * time.Second}))
	if err != nil {
		t.Fatal(err)
	}
	c, err := devconsole.NewFromConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return &matrixEnv{fake: fake, ft: ft, c: c}
}

const matrixProject, matrixCredential, matrixProfile = "campaign-analytics", "campaign-connector", "reserved_campaign_classic_Acme"

// connectorFlow is project → credential → attach; it returns the writes.
func connectorFlow(ctx context.Context, c *devconsole.Client, org string) (changes int, cred devconsole.CredentialRef, err error) {
	p, err := c.EnsureProject(ctx, org, devconsole.ProjectCreateRequest{Name: matrixProject})
	if p != nil {
		changes += len(p.Changes)
	}
	if err != nil {
		return changes, cred, err
	}
	cr, err := c.EnsureOAuthCredential(ctx, p.Value, devconsole.OAuthCredentialCreateRequest{Name: matrixCredential})
	if cr != nil {
		changes += len(cr.Changes)
	}
	if err != nil {
		return changes, cred, err
	}
	at, err := c.AttachProductProfiles(ctx, cr.Value.Ref, devconsole.SDKAnalytics, []string{matrixProfile})
	if at != nil {
		changes += len(at.Changes)
	}
	return changes, cr.Value.Ref, err
}

// connectorState counts what the org holds: projects named matrixProject,
// credentials in their workspaces, and whether the profile is attached.
func connectorState(t *testing.T, c *devconsole.Client, org string) (projects, creds int, attached bool) {
	t.Helper()
	ctx := context.Background()
	ps, _, err := c.Projects.List(ctx, org, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		if p.Name != matrixProject {
			continue
		}
		projects++
		for _, w := range p.Metadata.Workspaces {
			rows, _, err := c.Credentials.List(ctx, devconsole.WorkspaceRef{OrgID: org, ProjectID: p.ID, WorkspaceID: w.ID})
			if err != nil {
				t.Fatal(err)
			}
			creds += len(rows)
			for _, r := range rows {
				props, _, err := c.Credentials.GetServiceProperties(ctx, devconsole.CredentialRef{OrgID: org, CredentialID: r.ID}, devconsole.SDKAnalytics)
				if err != nil {
					continue
				}
				for _, l := range props.Selected() {
					attached = attached || l.Name == matrixProfile
				}
			}
		}
	}
	return projects, creds, attached
}

type matrixTally struct {
	cells, succeeded, typedErrs, untyped, converged, duplicates, halfMade int
}

func (m matrixTally) String() string {
	return fmt.Sprintf("cells %d (faulted run: %d succeeded, %d typed errors, %d untyped), re-run converged %d, duplicates %d, half-made %d",
		m.cells, m.succeeded, m.typedErrs, m.untyped, m.converged, m.duplicates, m.halfMade)
}

// The connector flow, each of its Console requests faulted in turn with
// each fault kind; then a re-run without faults must converge with zero
// duplicates and no half-made object, and a third run must write nothing.
func TestFaultMatrixConnectorFlow(t *testing.T) {
	// A clean run's Console requests: the org list (IMS org id resolution)
	// and the flow's 8.
	const steps = 9
	var tally matrixTally
	for step := 1; step <= steps; step++ {
		for _, kind := range allFaults {
			name := fmt.Sprintf("request%d/%s", step, kind)
			t.Run(name, func(t *testing.T) {
				synctest.Test(t, func(t *testing.T) {
					m := newMatrixEnv(t, consolePath)
					org := m.fake.OrgID()
					m.ft.arm(step, kind)
					ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
					_, _, err := connectorFlow(ctx, m.c, org)
					cancel()
					fired := m.ft.disarm()
					if fired == "" {
						t.Fatalf("the fault on request %d never fired", step)
					}
					tally.cells++
					switch {
					case err == nil:
						tally.succeeded++
					case typed(err):
						tally.typedErrs++
					default:
						tally.untyped++
						t.Errorf("fault on %s: untyped error %T: %v", fired, err, err)
					}
					if _, _, err := connectorFlow(context.Background(), m.c, org); err != nil {
						t.Fatalf("fault %s on %s, then the re-run failed: %v", kind, fired, err)
					}
					projects, creds, attached := connectorState(t, m.c, org)
					if projects > 1 || creds > 1 {
						tally.duplicates += projects - 1 + creds - 1
						t.Errorf("fault %s on %s: %d projects, %d credentials after the re-run", kind, fired, projects, creds)
					}
					if projects != 1 || creds != 1 || !attached {
						tally.halfMade++
						t.Errorf("fault %s on %s: projects %d credentials %d attached %v", kind, fired, projects, creds, attached)
					}
					changes, _, err := connectorFlow(context.Background(), m.c, org)
					if err == nil && changes == 0 && projects == 1 && creds == 1 && attached {
						tally.converged++
					} else {
						t.Errorf("fault %s on %s: the third run wrote %d times, err %v", kind, fired, changes, err)
					}
					time.Sleep(time.Hour) // let detached work end before the bubble does
				})
			})
		}
	}
	t.Logf("connector flow fault matrix: %s", tally)
	if tally.cells != steps*len(allFaults) || tally.converged != tally.cells || tally.duplicates != 0 || tally.untyped != 0 {
		t.Errorf("matrix: %s", tally)
	}
}

// rotationEnv is a matrixEnv with the connector provisioned and its
// credential's download.
func rotationEnv(t *testing.T) (*matrixEnv, devconsole.CredentialRef, auth.Credentials, *faultTransport) {
	t.Helper()
	m := newMatrixEnv(t, func(r *http.Request) bool {
		return consolePath(r) || strings.HasPrefix(r.URL.Path, "/ims/token")
	})
	_, ref, err := connectorFlow(context.Background(), m.c, m.fake.OrgID())
	if err != nil {
		t.Fatal(err)
	}
	ws := ref.Workspace()
	wc, _, err := m.c.Workspaces.Download(context.Background(), ws)
	if err != nil {
		t.Fatal(err)
	}
	creds, err := wc.Credentials(matrixCredential)
	if err != nil {
		t.Fatal(err)
	}
	return m, ref, creds, m.ft
}

// Secret rotation, each of its requests (Console and the verifier's token
// request) faulted in turn with each kind; then a re-run without faults must
// leave exactly one secret, which mints a token and is the one Rotate
// returned.
func TestFaultMatrixSecretRotation(t *testing.T) {
	// A clean rotation: list, add, the verifier's token request, delete.
	const steps = 4
	var tally matrixTally
	for step := 1; step <= steps; step++ {
		for _, kind := range allFaults {
			t.Run(fmt.Sprintf("request%d/%s", step, kind), func(t *testing.T) {
				synctest.Test(t, func(t *testing.T) {
					m, ref, creds, ft := rotationEnv(t)
					verify := devconsole.TokenVerifier(creds, auth.WithBaseTransport(ft),
						auth.WithRetryPolicy(auth.RetryPolicy{WaitMin: 10 * time.Millisecond, WaitMax: 20 * time.Millisecond}))
					ft.arm(step, kind)
					ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
					_, err := m.c.Secrets.Rotate(ctx, ref, verify)
					cancel()
					fired := ft.disarm()
					if fired == "" {
						t.Fatalf("the fault on request %d never fired", step)
					}
					tally.cells++
					switch {
					case err == nil:
						tally.succeeded++
					case typed(err):
						tally.typedErrs++
					default:
						tally.untyped++
						t.Errorf("fault %s on %s: untyped error %T: %v", kind, fired, err, err)
					}
					rot, err := m.c.Secrets.Rotate(context.Background(), ref, verify)
					if err != nil {
						t.Fatalf("fault %s on %s, then the re-run failed: %v", kind, fired, err)
					}
					got := m.fake.ClientSecrets(creds.ClientID)
					if len(got) > 1 {
						tally.duplicates += len(got) - 1
					}
					next := creds
					next.ClientSecret = rot.New.Value
					if len(got) == 1 && got[0] == rot.New.Value.Reveal() && verify(context.Background(), creds.ClientID, next.ClientSecret) == nil {
						tally.converged++
					} else {
						tally.halfMade++
						t.Errorf("fault %s on %s: after the re-run the fake holds %d secrets; rotation %+v", kind, fired, len(got), rot)
					}
					// Let detached work (a shared token fetch whose caller
					// gave up) end before the bubble does.
					time.Sleep(time.Hour)
				})
			})
		}
	}
	t.Logf("secret rotation fault matrix: %s", tally)
	if tally.converged != tally.cells || tally.duplicates != 0 || tally.untyped != 0 {
		t.Errorf("matrix: %s", tally)
	}
}
