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

// criticalPath is the longest chain of requests that depend on one
// another's answers in a provisioning (the operator's membership and the
// Analytics checks of different kinds are independent and may overlap):
//
//	org token → project lookup → project create → credential list →
//	credential create → credential read → Analytics properties → services
//	(roles) → attach (PUT) → properties (confirm) → download →
//	connector token → discovery (propagated) → discovery (company) →
//	the longest Analytics check (classification: compatibility then dataset)
//
// A re-run skips the two creates, the services read and the PUT, and
// reads the credential during the lookup.
func criticalPath(run string) int {
	if run == "fresh" {
		return 16
	}
	return 11
}
