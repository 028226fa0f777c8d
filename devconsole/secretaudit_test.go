package devconsole_test

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/go-adobe/adobe/auth"
	"github.com/go-adobe/adobe/devconsole"
)

// Defect 4: no fmt verb, JSON encoding or slog attribute of any type the
// package returns shows a client secret: every returned value, as value
// and pointer, with every verb.
func TestSecretAuditEveryTypeEveryVerb(t *testing.T) {
	fake, c, ref, creds := rotationFixture(t)
	ctx := context.Background()
	wc, _, err := c.Workspaces.Download(ctx, ref.Workspace())
	if err != nil {
		t.Fatal(err)
	}
	dc := wc.Workspace.Details.Credentials[0]
	added, _, err := c.Secrets.Add(ctx, ref)
	if err != nil {
		t.Fatal(err)
	}
	revealed, _, err := c.Secrets.Reveal(ctx, ref)
	if err != nil {
		t.Fatal(err)
	}
	listed, _, err := c.Secrets.List(ctx, ref)
	if err != nil {
		t.Fatal(err)
	}
	_, _, limitErr := c.Secrets.Add(ctx, ref) // at the limit
	rot, err := c.Secrets.Rotate(ctx, ref, devconsole.TokenVerifier(creds, auth.WithBaseTransport(fake.Transport())))
	if err != nil {
		t.Fatal(err)
	}
	rot2, verifyErr := c.Secrets.Rotate(ctx, ref, func(_ context.Context, _ string, s auth.Secret) error {
		return fmt.Errorf("refused %v", s)
	})
	loaded, err := wc.Credentials(matrixCredential)
	if err != nil {
		t.Fatal(err)
	}
	ens, err := c.EnsureOAuthCredential(ctx, ref.Workspace(), devconsole.OAuthCredentialCreateRequest{Name: matrixCredential})
	if err != nil {
		t.Fatal(err)
	}
	integ, _, err := c.Credentials.GetIntegration(ctx, ref)
	if err != nil {
		t.Fatal(err)
	}

	secrets := []string{creds.ClientSecret.Reveal(), added.Value.Reveal(), rot.New.Value.Reveal()}
	for _, s := range revealed.ClientSecrets {
		secrets = append(secrets, s.Value.Reveal())
	}
	secrets = append(secrets, fake.ClientSecrets(creds.ClientID)...)
	for _, s := range secrets {
		if s == "" {
			t.Fatal("an empty secret in the audit list")
		}
	}

	values := map[string]any{
		"WorkspaceConfig": *wc, "*WorkspaceConfig": wc,
		"DownloadWorkspace": wc.Workspace, "*DownloadWorkspace": &wc.Workspace,
		"DownloadCredential": dc, "*DownloadCredential": &dc,
		"DownloadCredential.OAuthS2S": dc.OAuthS2S, "*DownloadCredential.OAuthS2S": *dc.OAuthS2S,
		"ClientSecret": *added, "*ClientSecret": added,
		"Secrets": *revealed, "*Secrets": revealed,
		"[]ClientSecret": listed, "[]ClientSecret(revealed)": revealed.ClientSecrets,
		"Rotation": *rot, "*Rotation": rot, "*Rotation(refused)": rot2,
		"SecretLimitError": limitErr, "VerificationError": verifyErr,
		"auth.Credentials": loaded, "*auth.Credentials": &loaded,
		"Ensured[OAuthCredential]": ens, "Integration": integ,
	}
	if verifyErr == nil || limitErr == nil {
		t.Fatalf("want errors to audit: %v, %v", verifyErr, limitErr)
	}
	var ve *devconsole.VerificationError
	if !errors.As(verifyErr, &ve) {
		t.Fatalf("verify error %T", verifyErr)
	}
	verbs := []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%10.3v", "%-20s"}
	checks, leaks := 0, 0
	for name, v := range values {
		var outs []string
		for _, verb := range verbs {
			outs = append(outs, verb+" "+fmt.Sprintf(verb, v))
		}
		outs = append(outs, "Sprint "+fmt.Sprint(v), "Sprintln "+fmt.Sprintln(v))
		if err, ok := v.(error); ok {
			outs = append(outs, "Error "+err.Error())
		}
		if b, err := json.Marshal(v); err == nil {
			outs = append(outs, "JSON "+string(b))
		}
		for _, h := range []func(*bytes.Buffer) slog.Handler{
			func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) },
			func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) },
		} {
			var b bytes.Buffer
			slog.New(h(&b)).Info("audit", "v", v, slog.Any("any", v), slog.Group("g", "v", v))
			outs = append(outs, "slog "+b.String())
		}
		for _, out := range outs {
			checks++
			for _, s := range secrets {
				if strings.Contains(out, s) || strings.Contains(out, hex.EncodeToString([]byte(s))) ||
					strings.Contains(strings.ToLower(out), hex.EncodeToString([]byte(s))) {
					leaks++
					t.Errorf("%s leaks a client secret with %.40s…", name, out)
				}
			}
		}
	}
	t.Logf("secret audit: %d returned values × %d renderings (%d verbs, Sprint, Sprintln, Error, JSON, 2 slog handlers) = %d checks against %d secrets: %d leaks",
		len(values), checks/len(values), len(verbs), checks, len(secrets), leaks)
}
