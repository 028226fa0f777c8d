package campaign_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-adobe/adobe/adminconsole"
	"github.com/go-adobe/adobe/auth"
	"github.com/go-adobe/adobe/campaign"
)

const childEnv = "GO_ADOBE_CAMPAIGN_CHILD"

// TestKilledChild is the process the kill test kills: it provisions against
// the endpoint in its environment. It does nothing in a normal test run.
func TestKilledChild(t *testing.T) {
	if os.Getenv(childEnv) == "" {
		t.Skip("run by TestProcessKilledAtEveryStepConverges")
	}
	var spec campaign.ConnectorSpec
	if err := json.Unmarshal([]byte(os.Getenv(childEnv)), &spec); err != nil {
		t.Fatal(err)
	}
	cfg, err := auth.LoadConfigFromEnv(auth.WithRetryPolicy(auth.RetryPolicy{MaxRetries: 1, WaitMin: time.Millisecond, WaitMax: time.Millisecond, MaxRetryAfter: time.Second}))
	if err != nil {
		t.Fatal(err)
	}
	_, _ = campaign.ProvisionConnector(context.Background(), cfg, spec, campaign.WithPollDelays(time.Millisecond, 5*time.Millisecond),
		campaign.WithAdminConsoleOptions(adminconsole.WithoutRateLimit()))
	t.Log("the child finished before being killed")
}

// A provisioning whose process is killed (SIGKILL) right after the fake
// applied its k-th request, for k across the whole run, converges when run
// again: the same end state, no duplicate, and a third run writes nothing.
func TestProcessKilledAtEveryStepConverges(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	probe := newDemo(t)
	probe.playAdminConsole(t)
	if _, err := campaign.ProvisionConnector(context.Background(), probe.cfg, probe.spec, probe.opts()...); err != nil {
		t.Fatal(err)
	}
	n := len(probe.fake.Requests())
	killed, converged := 0, 0
	for k := 1; k <= n; k++ {
		d := newDemo(t)
		d.playAdminConsole(t)
		var mu sync.Mutex
		count := 0
		var child *exec.Cmd
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			d.fake.ServeHTTP(w, r)
			mu.Lock()
			defer mu.Unlock()
			count++
			if count == k && child != nil && child.Process != nil {
				_ = child.Process.Kill() // after the write, before the client reads the answer
			}
		}))
		specJSON, _ := json.Marshal(d.spec)
		b := d.fake.Bootstrap()
		mu.Lock()
		child = exec.Command(os.Args[0], "-test.run=^TestKilledChild$", "-test.count=1")
		child.Env = append(os.Environ(), childEnv+"="+string(specJSON), auth.EnvEndpoint+"="+srv.URL,
			auth.EnvClientID+"="+b.ClientID, auth.EnvClientSecret+"="+b.ClientSecret, auth.EnvOrgID+"="+b.OrgID,
			auth.EnvScopes+"="+strings.Join(b.Scopes, ","), auth.EnvIMSURL+"=")
		out := &strings.Builder{}
		child.Stdout, child.Stderr = out, out
		err := child.Start()
		mu.Unlock()
		if err != nil {
			t.Fatal(err)
		}
		werr := child.Wait()
		srv.Close()
		if werr != nil && strings.Contains(werr.Error(), "killed") {
			killed++
		} else if !strings.Contains(out.String(), "finished before being killed") && !strings.Contains(out.String(), "PASS") {
			t.Fatalf("k=%d: the child neither died nor finished: %v\n%s", k, werr, out.String())
		}
		// Run again in this process, against the same fake.
		if _, err := campaign.ProvisionConnector(context.Background(), d.cfg, d.spec, d.opts()...); err != nil {
			t.Errorf("k=%d: re-run: %v", k, err)
			continue
		}
		third, err := campaign.ProvisionConnector(context.Background(), d.cfg, d.spec, d.opts()...)
		if st := d.state(t); err != nil || len(third.Changes) != 0 || st != provisioned {
			t.Errorf("k=%d: third run %v, changes %v, state %+v", k, err, third.Changes, st)
			continue
		}
		converged++
	}
	t.Logf("process kill: %d kill points (every request), %d killed mid-run, %d converged with no duplicate", n, killed, converged)
	if killed == 0 {
		t.Error("no child was killed: the test tests nothing")
	}
}
