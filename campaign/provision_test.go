package campaign_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/go-adobe/adobe/adminconsole"
	"github.com/go-adobe/adobe/campaign"
)

func TestProvisionEndToEnd(t *testing.T) {
	d := newDemo(t)
	ctx := context.Background()

	// First run: the profile does not exist, and no API can create it.
	res, err := campaign.ProvisionConnector(ctx, d.cfg, d.spec, d.opts()...)
	var manual *adminconsole.ManualStepRequired
	if !errors.As(err, &manual) {
		t.Fatalf("first run: err = %v, want a ManualStepRequired", err)
	}
	if it, _ := res.Item(campaign.ItemProfile); it.Status != campaign.Manual {
		t.Errorf("profile item = %+v", it)
	}
	if len(res.Changes) != 0 {
		t.Errorf("the manual stop wrote %v", res.Changes)
	}

	d.playAdminConsole(t)
	res, err = campaign.ProvisionConnector(ctx, d.cfg, d.spec, d.opts()...)
	if err != nil {
		t.Fatalf("second run: %v", err)
	}
	var md strings.Builder
	_ = res.Markdown(&md)
	t.Log(md.String())
	if len(res.Changes) == 0 {
		t.Error("the provisioning run wrote nothing")
	}

	// A re-run on the provisioned org writes nothing.
	again, err := campaign.ProvisionConnector(ctx, d.cfg, d.spec, d.opts()...)
	if err != nil {
		t.Fatalf("re-run: %v", err)
	}
	if len(again.Changes) != 0 {
		t.Errorf("re-run wrote %v", again.Changes)
	}
}
