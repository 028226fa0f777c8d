package campaign_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/go-adobe/adobe/auth"
	"github.com/go-adobe/adobe/campaign"
)

// Every output of a provisioning at debug level (the SDK's logs, progress
// events, the result in every fmt verb, its JSON and Markdown, errors) is
// searched for every secret: the connector's client secret, the org
// credential's secret and the tokens. Only RevealCommands shows the client
// secret.
func TestNoSecretInAnyOutput(t *testing.T) {
	d := newDemo(t)
	var logs bytes.Buffer
	var mu sync.Mutex
	b := d.fake.Bootstrap()
	cfg, err := auth.NewConfig(auth.Credentials{ClientID: b.ClientID, ClientSecret: auth.Secret(b.ClientSecret), OrgID: b.OrgID, Scopes: b.Scopes},
		auth.WithBaseTransport(d.fake.Transport()), auth.WithLogger(slog.New(slog.NewTextHandler(&lockedWriter{w: &logs, mu: &mu}, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	if err != nil {
		t.Fatal(err)
	}
	var events []string
	progress := campaign.WithProgress(func(e campaign.Event) { mu.Lock(); events = append(events, fmt.Sprintf("%v %+v", e, e)); mu.Unlock() })
	_, firstErr := campaign.ProvisionConnector(context.Background(), cfg, d.spec, d.opts(progress)...)
	d.playAdminConsole(t)
	res, err := campaign.ProvisionConnector(context.Background(), cfg, d.spec, d.opts(progress)...)
	if err != nil {
		t.Fatal(err)
	}
	secret := res.TechnicalAccount.ClientSecret.Reveal()
	if !strings.HasPrefix(secret, "p8e-") {
		t.Fatalf("the result holds no client secret to audit: %q", secret)
	}
	secrets := []string{secret, b.ClientSecret}
	for _, c := range []string{res.TechnicalAccount.ClientID, b.ClientID} {
		tok, err := d.fake.IssueToken(c)
		if err == nil {
			secrets = append(secrets, tok[:40])
		}
	}
	var outputs []string
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X"} {
		outputs = append(outputs, fmt.Sprintf(verb, res), fmt.Sprintf(verb, *res), fmt.Sprintf(verb, res.TechnicalAccount))
	}
	var js, md bytes.Buffer
	_ = res.JSON(&js)
	_ = res.Markdown(&md)
	raw, _ := json.Marshal(res)
	outputs = append(outputs, js.String(), md.String(), string(raw), fmt.Sprint(firstErr), logs.String(), strings.Join(events, "\n"))
	var slogOut bytes.Buffer
	slog.New(slog.NewJSONHandler(&slogOut, nil)).Info("result", "res", res, "ta", res.TechnicalAccount)
	outputs = append(outputs, slogOut.String())
	for i, out := range outputs {
		for _, s := range secrets {
			if strings.Contains(out, s) {
				t.Errorf("output %d shows a secret: %.200s", i, out)
			}
		}
	}
	revealed, err := res.RevealCommands()
	if err != nil || len(revealed) != 2 || !strings.Contains(revealed[0].Command, secret) {
		t.Errorf("RevealCommands: %v %v", revealed, err)
	}
}

type lockedWriter struct {
	w  *bytes.Buffer
	mu *sync.Mutex
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
