package devconsole_test

import (
	"context"
	"errors"
	"net/http"
	"regexp"
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

func routeMatcher(method, pathRe string) func(*http.Request) bool {
	re := regexp.MustCompile("^" + pathRe + "$")
	return func(r *http.Request) bool { return r.Method == method && re.MatchString(r.URL.Path) }
}

// Defect 1: an empty 2xx answer to a lookup is an error that names the
// request, never "not found": the Ensure that follows it does not create a
// duplicate.
func TestEmptyLookupAnswerIsNotNotFound(t *testing.T) {
	for _, tc := range []struct {
		name, path string
		ensure     func(ctx context.Context, c *devconsole.Client, org string) error
	}{
		{"project list", `/console/organizations/\d+/projects`, func(ctx context.Context, c *devconsole.Client, org string) error {
			_, err := c.EnsureProject(ctx, org, devconsole.ProjectCreateRequest{Name: matrixProject})
			return err
		}},
		{"credential list", `/console/organizations/\d+/projects/\d+/workspaces/\d+/credentials`, func(ctx context.Context, c *devconsole.Client, org string) error {
			_, _, err := connectorFlow(ctx, c, org)
			return err
		}},
		{"integration details", `/console/organizations/\d+/integrations/\d+`, func(ctx context.Context, c *devconsole.Client, org string) error {
			_, _, err := connectorFlow(ctx, c, org)
			return err
		}},
	} {
		for _, kind := range []faultKind{faultEmpty, faultGarbled} {
			t.Run(tc.name+"/"+string(kind), func(t *testing.T) {
				m := newMatrixEnv(t, routeMatcher(http.MethodGet, tc.path))
				org := m.fake.OrgID()
				if _, _, err := connectorFlow(context.Background(), m.c, org); err != nil {
					t.Fatal(err)
				}
				m.ft.arm(1, kind)
				err := tc.ensure(context.Background(), m.c, org)
				fired := m.ft.disarm()
				var re *adobe.ResponseError
				if !errors.As(err, &re) || !errors.Is(err, adobe.ErrInvalidResponse) || re.Method != http.MethodGet || re.Path == "" || fired == "" {
					t.Fatalf("%s after an unusable answer to %q: %v, want *adobe.ResponseError naming the request", tc.name, fired, err)
				}
				if projects, creds, attached := connectorState(t, m.c, org); projects != 1 || creds != 1 || !attached {
					t.Fatalf("after the unusable answer: %d projects, %d credentials, attached %v; want 1, 1, true", projects, creds, attached)
				}
			})
		}
	}
}

// Defect 1 on a create: an empty 2xx answer to the project POST is an
// ambiguous create (applied, ids unknown): EnsureProject looks the name up
// and finds the project instead of creating a second.
func TestEmptyCreateAnswerIsLookedUp(t *testing.T) {
	m := newMatrixEnv(t, routeMatcher(http.MethodPost, `/console/organizations/\d+/projects`))
	m.ft.arm(1, faultEmpty)
	p, err := m.c.EnsureProject(context.Background(), m.fake.OrgID(), devconsole.ProjectCreateRequest{Name: matrixProject})
	if err != nil || !p.Created || p.Value.ProjectID == "" || p.Value.WorkspaceID == "" || len(p.Changes) != 1 {
		t.Fatalf("EnsureProject = %+v, %v; want the project, found by name after the empty answer", p, err)
	}
	if n := m.fake.Count("POST /console/organizations/{orgId}/projects"); n != 1 {
		t.Fatalf("%d project POSTs, want 1", n)
	}
}

// rotationFixture provisions a credential and returns its download.
func rotationFixture(t *testing.T, opts ...auth.Option) (*adobetest.Fake, *devconsole.Client, devconsole.CredentialRef, auth.Credentials) {
	t.Helper()
	fake, err := adobetest.New()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fake.CreateProductProfile("", matrixProfile, adobetest.Permissions{}); err != nil {
		t.Fatal(err)
	}
	cfg, err := auth.NewConfig(bootstrapCreds(fake), append([]auth.Option{auth.WithBaseTransport(fake.Transport())}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	c, err := devconsole.NewFromConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	_, ref, err := connectorFlow(context.Background(), c, fake.OrgID())
	if err != nil {
		t.Fatal(err)
	}
	wc, _, err := c.Workspaces.Download(context.Background(), ref.Workspace())
	if err != nil {
		t.Fatal(err)
	}
	creds, err := wc.Credentials(matrixCredential)
	if err != nil {
		t.Fatal(err)
	}
	return fake, c, ref, creds
}

// checkRerunFinishes re-runs Rotate without faults: it must finish the
// rotation, keep one secret that mints a token and say what it found.
func checkRerunFinishes(t *testing.T, fake *adobetest.Fake, c *devconsole.Client, ref devconsole.CredentialRef, creds auth.Credentials, wantResumed bool) {
	t.Helper()
	verify := devconsole.TokenVerifier(creds, auth.WithBaseTransport(fake.Transport()))
	rot, err := c.Secrets.Rotate(context.Background(), ref, verify)
	if err != nil {
		t.Fatalf("re-run: %v", err)
	}
	if rot.Resumed != wantResumed || rot.Found == "" {
		t.Errorf("re-run: Resumed %v (want %v), Found %q", rot.Resumed, wantResumed, rot.Found)
	}
	got := fake.ClientSecrets(creds.ClientID)
	if len(got) != 1 || got[0] != rot.New.Value.Reveal() {
		t.Fatalf("after the re-run the fake holds %d secrets (want the one Rotate returned)", len(got))
	}
	if err := verify(context.Background(), creds.ClientID, rot.New.Value); err != nil {
		t.Fatalf("the kept secret does not mint a token: %v", err)
	}
}

// Defect 2: a 500 (retries off) on the old secret's DELETE leaves two
// secrets; a re-run finishes the rotation instead of failing with
// *SecretLimitError.
func TestRotateRerunAfterFailedOldSecretDelete(t *testing.T) {
	fake, c, ref, creds := rotationFixture(t, auth.WithRetryPolicy(auth.RetryPolicy{MaxRetries: -1}))
	if err := fake.InjectFault(adobetest.Fault{Route: "DELETE /console/organizations/{orgId}/credentials/{a}/{b}/{c}", Times: 1, Status: 500}); err != nil {
		t.Fatal(err)
	}
	rot, err := c.Secrets.Rotate(context.Background(), ref, devconsole.TokenVerifier(creds, auth.WithBaseTransport(fake.Transport())))
	var ae *adobe.Error
	if !errors.As(err, &ae) || ae.StatusCode != 500 || rot == nil || rot.New.Value == "" {
		t.Fatalf("Rotate = %+v, %v; want the 500 and the new secret", rot, err)
	}
	if n := len(fake.ClientSecrets(creds.ClientID)); n != 2 {
		t.Fatalf("%d secrets after the failed delete, want 2", n)
	}
	checkRerunFinishes(t, fake, c, ref, creds, true)
}

// Defect 2: a context cancelled while the old secret is deleted.
func TestRotateRerunAfterCancelledDelete(t *testing.T) {
	fake, c, ref, creds := rotationFixture(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// The verifier succeeds, then the caller gives up before the delete.
	verify := func(ctx context.Context, id string, s auth.Secret) error {
		err := devconsole.TokenVerifier(creds, auth.WithBaseTransport(fake.Transport()))(ctx, id, s)
		cancel()
		return err
	}
	_, err := c.Secrets.Rotate(ctx, ref, verify)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Rotate = %v, want context.Canceled", err)
	}
	checkRerunFinishes(t, fake, c, ref, creds, true)
}

// Defect 2: a check that only timed out is not "did not mint a token":
// nothing is deleted, the error says the check could not be made, and a
// re-run finishes.
func TestRotateVerificationTimeoutIsInconclusive(t *testing.T) {
	fake, c, ref, creds := rotationFixture(t)
	timeout := func(context.Context, string, auth.Secret) error { return context.DeadlineExceeded }
	_, err := c.Secrets.Rotate(context.Background(), ref, timeout)
	var ve *devconsole.VerificationError
	if !errors.As(err, &ve) || !ve.Inconclusive || strings.Contains(err.Error(), "did not mint") || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Rotate = %v, want an inconclusive *VerificationError", err)
	}
	if n := len(fake.ClientSecrets(creds.ClientID)); n != 2 {
		t.Fatalf("%d secrets after an inconclusive check, want both kept", n)
	}
	checkRerunFinishes(t, fake, c, ref, creds, true)
}

// Defect 2: the clean-up of a refused secret does not use the caller's
// context, which may have ended meanwhile.
func TestRotateCleanupOutlivesTheCallersContext(t *testing.T) {
	fake, c, ref, creds := rotationFixture(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	refuse := func(context.Context, string, auth.Secret) error {
		cancel() // the caller's context ends while the check runs
		return errors.New("invalid_client")
	}
	_, err := c.Secrets.Rotate(ctx, ref, refuse)
	var ve *devconsole.VerificationError
	if !errors.As(err, &ve) || ve.Inconclusive {
		t.Fatalf("Rotate = %v, want a refusal", err)
	}
	if got := fake.ClientSecrets(creds.ClientID); len(got) != 1 || got[0] != creds.ClientSecret.Reveal() {
		t.Fatalf("after the refusal the fake holds %d secrets, want only the old one", len(got))
	}
	checkRerunFinishes(t, fake, c, ref, creds, false)
}

// Defect 8: two concurrent Ensures of one name on one client (50 ms list
// latency) create once.
func TestConcurrentEnsuresCreateOnce(t *testing.T) {
	for i := range 20 {
		synctest.Test(t, func(t *testing.T) {
			m := newMatrixEnv(t, consolePath)
			org := m.fake.OrgID()
			for _, route := range []string{"GET /console/organizations/{orgId}/projects", "GET /console/organizations/{orgId}/projects/{projectId}/workspaces/{workspaceId}/credentials"} {
				if err := m.fake.InjectFault(adobetest.Fault{Route: route, Latency: 50 * time.Millisecond}); err != nil {
					t.Fatal(err)
				}
			}
			var wg sync.WaitGroup
			created := make([]bool, 4)
			errs := make([]error, 4)
			refs := make([]devconsole.WorkspaceRef, 2)
			for g := range 2 {
				wg.Go(func() {
					p, err := m.c.EnsureProject(context.Background(), org, devconsole.ProjectCreateRequest{Name: matrixProject})
					if err != nil {
						errs[g] = err
						return
					}
					created[g], refs[g] = p.Created, p.Value
				})
			}
			wg.Wait()
			for g := range 2 {
				wg.Go(func() {
					cr, err := m.c.EnsureOAuthCredential(context.Background(), refs[g], devconsole.OAuthCredentialCreateRequest{Name: matrixCredential})
					if err != nil {
						errs[2+g] = err
						return
					}
					created[2+g] = cr.Created
				})
			}
			wg.Wait()
			if err := errors.Join(errs...); err != nil {
				t.Fatal(err)
			}
			if created[0] == created[1] || created[2] == created[3] {
				t.Errorf("run %d: created %v; want exactly one creator of each", i, created)
			}
			projects, creds, _ := connectorState(t, m.c, org)
			if projects != 1 || creds != 1 {
				t.Fatalf("run %d: %d projects and %d credentials, want 1 and 1", i, projects, creds)
			}
		})
	}
}
