package devconsole_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/jarcoal/httpmock"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/auth"
	"github.com/go-adobe/adobe/devconsole"
	"github.com/go-adobe/adobe/internal/testutil"
)

// secretEnv is an env with a provisioned credential and its secret.
func secretEnv(t *testing.T) (*env, *adobe.Ensured[devconsole.OAuthCredential], auth.Credentials) {
	t.Helper()
	e := newEnv(t)
	p, cr, _ := provision(t, e)
	wc, _, err := e.client.Workspaces.Download(context.Background(), p.Value)
	if err != nil {
		t.Fatal(err)
	}
	creds, err := wc.Credentials("campaign-connector")
	if err != nil {
		t.Fatal(err)
	}
	return e, cr, creds
}

func mints(t *testing.T, e *env, creds auth.Credentials) error {
	t.Helper()
	cfg, err := auth.NewConfig(creds, auth.WithBaseTransport(e.fake.Transport()))
	if err != nil {
		t.Fatal(err)
	}
	_, err = cfg.TokenSource().TokenContext(context.Background())
	return err
}

// A new secret that does not mint a token is deleted again; the old one is
// kept and still works.
func TestRotateKeepsOldSecretWhenVerificationFails(t *testing.T) {
	e, cr, creds := secretEnv(t)
	ctx := context.Background()
	var tried auth.Secret
	failing := func(_ context.Context, clientID string, s auth.Secret) error {
		if clientID != cr.Value.ClientID || s == "" || s == creds.ClientSecret {
			t.Errorf("verifier got client %s and the old or an empty secret", clientID)
		}
		tried = s
		return errors.New("no token")
	}
	_, err := e.client.Secrets.Rotate(ctx, cr.Value.Ref, failing)
	if err == nil || !strings.Contains(err.Error(), "old secrets kept") {
		t.Fatalf("Rotate = %v, want the verification error", err)
	}
	if got := e.fake.ClientSecrets(cr.Value.ClientID); !slices.Equal(got, []string{creds.ClientSecret.Reveal()}) || slices.Contains(got, tried.Reveal()) {
		t.Fatalf("after a failed rotation the fake holds %d secrets (the new one must be gone, the old one kept)", len(got))
	}
	if err := mints(t, e, creds); err != nil {
		t.Fatalf("the old secret no longer mints a token: %v", err)
	}
}

// A credential with two secrets: Rotate refuses with *SecretLimitError
// before any write, and Add at the limit is a *SecretLimitError too.
func TestSecretLimit(t *testing.T) {
	e, cr, _ := secretEnv(t)
	ctx := context.Background()
	added, resp, err := e.client.Secrets.Add(ctx, cr.Value.Ref)
	if err != nil || added.UUID == "" || added.Value == "" || resp.StatusCode != http.StatusCreated {
		t.Fatalf("Add = %+v, %v", added, err)
	}
	if strings.Contains(fmt.Sprintf("%v %+v", added, added), added.Value.Reveal()) {
		t.Fatal("ClientSecret prints its value")
	}
	e.fake.ResetRequests()
	// At the limit Rotate finishes an unfinished rotation; when no secret
	// mints a token it refuses with *SecretLimitError before any write.
	_, err = e.client.Secrets.Rotate(ctx, cr.Value.Ref, func(context.Context, string, auth.Secret) error { return errors.New("refused") })
	var le *devconsole.SecretLimitError
	if !errors.As(err, &le) || !errors.Is(err, adobe.ErrConflict) || len(le.SecretIDs) != 2 {
		t.Fatalf("Rotate at the limit = %v, want *SecretLimitError", err)
	}
	if _, writes := consoleRequests(e.fake); len(writes) != 0 {
		t.Fatalf("Rotate at the limit wrote %q", writes)
	}
	_, _, err = e.client.Secrets.Add(ctx, cr.Value.Ref)
	if !errors.As(err, &le) || !errors.Is(err, adobe.ErrConflict) {
		t.Fatalf("Add at the limit = %v, want *SecretLimitError", err)
	}
	var ae *adobe.Error
	if !errors.As(err, &ae) || ae.StatusCode != http.StatusBadRequest {
		t.Fatalf("Add at the limit does not carry the Console's answer: %v", err)
	}
	if n := len(e.fake.ClientSecrets(cr.Value.ClientID)); n != 2 {
		t.Fatalf("%d secrets", n)
	}
	var uuids []string
	for s, err := range e.client.Secrets.ListIter(ctx, cr.Value.Ref) {
		if err != nil {
			t.Fatal(err)
		}
		if s.Value != "" {
			t.Fatal("List returned a secret value")
		}
		if exp, ok := s.ExpiresAt.Time(); ok || s.ExpiresAt != devconsole.Permanent {
			t.Fatalf("expires_at %q %v", s.ExpiresAt, exp)
		}
		uuids = append(uuids, s.UUID)
	}
	if !slices.Equal(uuids, le.SecretIDs) {
		t.Fatalf("ListIter %q, error %q", uuids, le.SecretIDs)
	}
	revealed, _, err := e.client.Secrets.Reveal(ctx, cr.Value.Ref)
	if err != nil || len(revealed.ClientSecrets) != 2 || revealed.ClientID != cr.Value.ClientID {
		t.Fatalf("Reveal = %d secrets, %v", len(revealed.ClientSecrets), err)
	}
	for _, s := range revealed.ClientSecrets {
		if !slices.Contains(e.fake.ClientSecrets(cr.Value.ClientID), s.Value.Reveal()) {
			t.Fatal("Reveal returned a value the credential does not have")
		}
	}
}

// Delete takes a secret's uuid; a secret value is refused before any I/O,
// and the error does not repeat it.
func TestSecretDeleteRefusesAValue(t *testing.T) {
	e, cr, creds := secretEnv(t)
	e.fake.ResetRequests()
	value := creds.ClientSecret.Reveal()
	for _, bad := range []string{value, "", "not-a-uuid", strings.Repeat("g", 32)} {
		_, err := e.client.Secrets.Delete(context.Background(), cr.Value.Ref, bad)
		if !errors.Is(err, adobe.ErrInvalidArgument) {
			t.Fatalf("Delete(%d chars) = %v, want *adobe.ArgError", len(bad), err)
		}
		if strings.Contains(err.Error(), value) || strings.Contains(fmt.Sprintf("%+v %#v", err, err), value) {
			t.Fatal("the error repeats the secret value")
		}
	}
	if n := len(e.fake.Requests()); n != 0 {
		t.Fatalf("%d requests sent", n)
	}
	list, _, err := e.client.Secrets.List(context.Background(), cr.Value.Ref)
	if err != nil {
		t.Fatal(err)
	}
	// The canonical dashed form of the same uuid is accepted too.
	u := list[0].UUID
	dashed := u[:8] + "-" + u[8:12] + "-" + u[12:16] + "-" + u[16:20] + "-" + u[20:]
	if _, err := e.client.Secrets.Delete(context.Background(), cr.Value.Ref, dashed); errors.Is(err, adobe.ErrInvalidArgument) {
		t.Fatalf("dashed uuid refused: %v", err)
	}
	if _, err := e.client.Secrets.Delete(context.Background(), cr.Value.Ref, u); err != nil {
		t.Fatal(err)
	}
	if n := len(e.fake.ClientSecrets(cr.Value.ClientID)); n != 0 {
		t.Fatalf("%d secrets after Delete", n)
	}
}

// Adobe's spec answers POST …/secrets with 200 and no uuid: Rotate then
// finds the new secret's uuid in the list, verifies, and deletes only the
// old one.
func TestRotateFindsMissingUUID(t *testing.T) {
	mt := testutil.NewMockTransport(t)
	spec := testutil.LoadSpec(t, "devconsole/api.json").WithPathPrefix("/")
	checked := testutil.ValidatingTransport(t, spec, mt)
	cfg, _ := testutil.NewConfig(t, mt, auth.WithBaseTransport(rtFunc(func(r *http.Request) (*http.Response, error) {
		if strings.HasPrefix(r.URL.Path, "/ims/") {
			return mt.RoundTrip(r)
		}
		return checked.RoundTrip(r)
	})))
	c, err := devconsole.NewFromConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	const base = "https://developers.adobe.io/console/organizations/1234/credentials/567/secrets"
	const oldID, newID = "11ede399b68b57a5aca6a96b8b6487c9", "22ede399b68b57a5aca6a96b8b6487c9"
	row := func(id string) map[string]any {
		return map[string]any{"uuid": id, "expires_at": "PERMANENT", "expires_at_str": "PERMANENT", "created_at": "1682448485000", "created_at_str": "Tue, Apr 25 2023 18:48:05.000 UTC"}
	}
	mt.RegisterResponder("GET", base, testutil.SequenceResponder(
		testutil.JSONResponder(200, map[string]any{"client_id": "cid", "client_secrets": []any{row(oldID)}}),
		testutil.JSONResponder(200, map[string]any{"client_id": "cid", "client_secrets": []any{row(oldID), row(newID)}}),
	))
	mt.RegisterResponder("POST", base, testutil.JSONResponder(200, map[string]any{"client_secret": "p8e-NEW", "expires_at": "PERMANENT", "expires_at_str": "PERMANENT"}))
	mt.RegisterResponder("DELETE", base+"/"+oldID, httpmock.NewStringResponder(200, ""))
	var verified auth.Secret
	rot, err := c.Secrets.Rotate(context.Background(), devconsole.CredentialRef{OrgID: "1234", CredentialID: "567"}, func(_ context.Context, clientID string, s auth.Secret) error {
		if clientID != "cid" {
			t.Errorf("client id %q", clientID)
		}
		verified = s
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if rot.New.UUID != newID || verified.Reveal() != "p8e-NEW" || !slices.Equal(rot.Deleted, []string{oldID}) {
		t.Fatalf("rotation %+v", rot)
	}
	testutil.AssertCalls(t, mt, "DELETE "+base+"/"+oldID, 1)
	testutil.AssertCalls(t, mt, "GET "+base, 2)
}

// WorkspaceConfig holds the raw download with client secrets: no fmt verb,
// slog or JSON prints it.
func TestWorkspaceConfigNeverPrintsSecrets(t *testing.T) {
	e := newEnv(t)
	p, _, _ := provision(t, e)
	wc, _, err := e.client.Workspaces.Download(context.Background(), p.Value)
	if err != nil {
		t.Fatal(err)
	}
	creds, err := wc.Credentials("")
	if err != nil {
		t.Fatal(err)
	}
	secret := creds.ClientSecret.Reveal()
	if !bytes.Contains(wc.Bytes(), []byte(secret)) {
		t.Fatal("Bytes lacks the secret: the test would prove nothing")
	}
	var outs []string
	for _, v := range []any{wc, *wc} {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d"} {
			outs = append(outs, fmt.Sprintf(verb, v))
		}
		outs = append(outs, fmt.Sprint(v), fmt.Sprintln(v))
		var buf bytes.Buffer
		slog.New(slog.NewJSONHandler(&buf, nil)).Info("download", "wc", v)
		slog.New(slog.NewTextHandler(&buf, nil)).Info("download", "wc", v)
		outs = append(outs, buf.String())
		j, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		outs = append(outs, string(j))
	}
	outs = append(outs, fmt.Sprintf("%v %+v", wc.Workspace, wc.Workspace.Details.Credentials))
	for _, o := range outs {
		if strings.Contains(o, secret) || strings.Contains(o, fmt.Sprint([]byte(secret)[:8])) || strings.Contains(o, fmt.Sprintf("%x", secret[:8])) {
			t.Fatalf("a rendering of WorkspaceConfig leaks the client secret: %.200s", o)
		}
	}
	if !strings.Contains(outs[0], "campaign-analytics") {
		t.Fatalf("String lost the project name: %s", outs[0])
	}
}

// The fake's own Console part: its JWT migration model is tested in package
// fakeconsole; the SDK's migration calls are checked here against Adobe's
// spec with every status value the spec lists.
func TestMigrationCalls(t *testing.T) {
	mt := testutil.NewMockTransport(t)
	spec := testutil.LoadSpec(t, "devconsole/api.json").WithPathPrefix("/")
	checked := testutil.ValidatingTransport(t, spec, mt)
	cfg, _ := testutil.NewConfig(t, mt, auth.WithBaseTransport(rtFunc(func(r *http.Request) (*http.Response, error) {
		if strings.HasPrefix(r.URL.Path, "/ims/") {
			return mt.RoundTrip(r)
		}
		return checked.RoundTrip(r)
	})))
	c, err := devconsole.NewFromConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	const base = "https://developers.adobe.io/console/organizations/1234/credentials/oauth-server-to-server/567/"
	binding := map[string]any{"organizationId": "ABC@AdobeOrg", "clientId": "cid", "allowedScopes": "openid,AdobeID",
		"servicePrincipalId": "x@techacct.adobe.com", "createdByUser": "u@AdobeID", "createdAt": "1682448485000"}
	var rs []httpmock.Responder
	for _, s := range []devconsole.MigrationStatus{devconsole.MigrationNotStarted, devconsole.MigrationStarted, devconsole.MigrationCompleted, devconsole.MigrationNone} {
		rs = append(rs, testutil.JSONResponder(200, map[string]any{"migrationStatus": s}))
	}
	mt.RegisterResponder("GET", base+"status", testutil.SequenceResponder(rs...))
	mt.RegisterResponder("POST", base+"binding", testutil.JSONResponder(201, binding))
	mt.RegisterResponder("GET", base+"binding", testutil.JSONResponder(200, binding))
	mt.RegisterResponder("DELETE", base+"binding", httpmock.NewStringResponder(204, ""))
	mt.RegisterResponder("PATCH", base+"finalize", httpmock.NewStringResponder(200, ""))

	var got []devconsole.MigrationStatus
	for range 4 {
		st, _, err := c.Migration.Status(ctx, devconsole.CredentialRef{OrgID: "1234", CredentialID: "567"})
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, st)
	}
	if !slices.Equal(got, []devconsole.MigrationStatus{"NOT_STARTED", "STARTED", "COMPLETED", "NONE"}) {
		t.Fatalf("statuses %q", got)
	}
	b, resp, err := c.Migration.Start(ctx, devconsole.CredentialRef{OrgID: "1234", CredentialID: "567"})
	if err != nil || resp.StatusCode != 201 || b.ClientID != "cid" || b.ServicePrincipalID == "" {
		t.Fatalf("Start = %+v, %v", b, err)
	}
	if b2, _, err := c.Migration.GetBinding(ctx, devconsole.CredentialRef{OrgID: "1234", CredentialID: "567"}); err != nil || *b2 != *b {
		t.Fatalf("GetBinding = %+v, %v", b2, err)
	}
	if _, err := c.Migration.Cancel(ctx, devconsole.CredentialRef{OrgID: "1234", CredentialID: "567"}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Migration.Finalize(ctx, devconsole.CredentialRef{OrgID: "1234", CredentialID: "567"}); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"POST " + base + "binding", "GET " + base + "binding", "DELETE " + base + "binding", "PATCH " + base + "finalize"} {
		testutil.AssertCalls(t, mt, k, 1)
	}
}
