package campaign_test

import (
	"context"
	"testing"
	"testing/synctest"
	"time"

	"github.com/go-adobe/adobe/adobetest"
	"github.com/go-adobe/adobe/campaign"
)

// TestSimulatedWallTime runs a fresh provisioning (after the manual step)
// and a re-run with every request taking 50 ms on the fake clock, and logs
// the wall time against the critical path's lower bound: the longest chain
// of requests that must wait for one another's answers. It asserts only
// the writes.
func TestSimulatedWallTime(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		d := newDemo(t)
		d.playAdminConsole(t)
		if err := d.fake.InjectFault(adobetest.Fault{Route: "*", Latency: 50 * time.Millisecond}); err != nil {
			t.Fatal(err)
		}
		for _, run := range []string{"fresh", "re-run"} {
			d.fake.ResetRequests()
			start := time.Now()
			res, err := campaign.ProvisionConnector(context.Background(), d.cfg, d.spec, d.opts()...)
			if err != nil {
				t.Fatal(err)
			}
			wall := time.Since(start)
			n := len(d.fake.Requests())
			crit := criticalPath(run)
			t.Logf("%s: %d requests, %d writes, wall %s at 50 ms/request; critical path %d requests = %s; ratio %.2f",
				run, n, len(res.Changes), wall, crit, time.Duration(crit)*50*time.Millisecond, float64(wall)/float64(time.Duration(crit)*50*time.Millisecond))
			if run == "re-run" && len(res.Changes) != 0 {
				t.Errorf("re-run wrote %v", res.Changes)
			}
		}
	})
}

// criticalPath is the lower bound: the longest chain of requests in which
// each needs the previous one's answer, whatever the SDK overlaps.
//
// Fresh (10): org token → Console org id (the Console addresses orgs by
// it) → project lookup → project create → credential lookup → credential
// create → Analytics properties (what is attached) → attach (PUT) →
// discovery as the connector (needs the attachment; the connector's token
// comes from the download beside the attach) → the Analytics checks (need
// the company).
//
// Re-run (7): Console org id (the org token is cached) → project lookup →
// credential lookup → credential details (the name is only there) →
// Analytics properties → discovery → the Analytics checks; the operator's
// membership, the download and the token overlap them.
func criticalPath(run string) int {
	if run == "fresh" {
		return 10
	}
	return 7
}
