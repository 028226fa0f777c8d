// Command fleet provisions (or, with -diagnose, diagnoses) the Adobe
// Analytics connector for many organizations at once, each within its own
// Adobe budgets, with live progress across organizations and one report.
//
// By default it runs 20 demo organizations on the embedded fake: two of
// them still lack the connector's product profile (the Admin Console step),
// so the report lists them as manual with the steps; -resume with the JSON
// report of a run skips the organizations already done.
//
//	go run ./examples/fleet
//	go run ./examples/fleet -json > report.json
//	go run ./examples/fleet -live -specs ./orgs -resume report.json
//
// With -live, -specs names a folder of JSON files, one per organization:
// {"name": "...", "spec": {campaign.ConnectorSpec}, "workspace": "path to the
// org's Developer Console workspace download (its OAuth Server-to-Server
// credential)"}.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"

	"github.com/go-adobe/adobe/adobetest"
	"github.com/go-adobe/adobe/auth"
	"github.com/go-adobe/adobe/campaign"
	"github.com/go-adobe/adobe/examples/internal/demo"
	"github.com/go-adobe/adobe/examples/internal/target"
)

func main() { target.Main("fleet", run) }

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("fleet", flag.ContinueOnError)
	fs.SetOutput(stderr)
	flags := target.Register(fs)
	specs := fs.String("specs", "", "with -live: folder of per-organization JSON files, each {\"name\", \"spec\": campaign.ConnectorSpec, \"workspace\": the org's workspace download}")
	n := fs.Int("orgs", 20, "number of demo organizations on the fake")
	diagnose := fs.Bool("diagnose", false, "diagnose instead of provisioning (writes nothing)")
	asJSON := fs.Bool("json", false, "print the report as JSON (for -resume) instead of Markdown")
	resume := fs.String("resume", "", "a JSON report of an earlier run: skip the organizations it reports done")
	concurrency := fs.Int("concurrency", 8, "organizations at once")
	target.SetUsage(fs, "Usage: fleet [flags]\n\nProvisions or diagnoses the Adobe Analytics connector for many organizations: 20 demo organizations on the embedded fake by default; with -live, each organization's own credential from its workspace download (-specs; ADOBE_ENDPOINT sends every service to one base URL).")
	if done, err := target.Parse(fs, args); done {
		return err
	}
	if flags.Live() && *specs == "" {
		return errors.New("-live needs -specs DIR")
	}
	var orgs []campaign.FleetOrg
	info := stdout
	if *asJSON {
		info = stderr // stdout carries the JSON only
	}
	if flags.Live() {
		var err error
		if orgs, err = loadOrgs(*specs, flags.Options("fleet", stderr)); err != nil {
			return err
		}
		target := "real Adobe"
		if ep := os.Getenv(auth.EnvEndpoint); ep != "" {
			target = ep + " (" + auth.EnvEndpoint + ")"
		}
		fmt.Fprintf(info, "Target: %s, %d organizations from %s\n", target, len(orgs), *specs)
	} else {
		fake, err := adobetest.New(adobetest.WithRandSeed(1))
		if err != nil {
			return err
		}
		if orgs, err = demoFleet(fake, *n); err != nil {
			return err
		}
		fmt.Fprintf(info, "Target: embedded fake Adobe with %d demo organizations (use -live for real Adobe)\n", *n)
	}
	op := campaign.FleetProvision
	if *diagnose {
		op = campaign.FleetDiagnose
	}
	fopts := []campaign.FleetOption{campaign.WithFleetConcurrency(*concurrency), campaign.WithFleetProgress(progress(stderr))}
	if !flags.Live() {
		fopts = append(fopts, campaign.WithFleetOptions(campaign.WithPollDelays(10*time.Millisecond, 100*time.Millisecond)))
	}
	if *resume != "" {
		b, err := os.ReadFile(*resume)
		if err != nil {
			return err
		}
		prev, err := campaign.ParseFleetReport(b)
		if err != nil {
			return err
		}
		fopts = append(fopts, campaign.WithFleetResume(prev))
	}
	rep, err := campaign.RunFleet(ctx, op, orgs, fopts...)
	if err != nil {
		return err
	}
	if *asJSON {
		err = rep.JSON(stdout)
	} else {
		err = rep.Markdown(stdout)
	}
	if err != nil {
		return err
	}
	if n := rep.Count(campaign.OrgFailed); n > 0 {
		return fmt.Errorf("%d organizations failed (see the report)", n)
	}
	return nil
}

// progress prints one line per organization that starts or ends.
func progress(w io.Writer) func(campaign.FleetEvent) {
	var mu sync.Mutex
	return func(e campaign.FleetEvent) {
		if e.Step != "fleet" {
			return
		}
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(w, "%-8s %s %s\n", e.Org, e.Kind, e.Message)
	}
}

// demoFleet adds n organizations to the fake; every tenth lacks the
// connector's profile.
func demoFleet(f *adobetest.Fake, n int) ([]campaign.FleetOrg, error) {
	var orgs []campaign.FleetOrg
	for i := range n {
		key := fmt.Sprintf("client%02d", i)
		o, err := f.AddDemoOrg(key)
		if err != nil {
			return nil, err
		}
		spec := campaign.ConnectorSpec{OrgID: o.Org.ID, CompanyName: "Client " + key, Deployment: campaign.OnPremise, Build: "7.4.4 build 9400",
			Instance: key + "_mkt", Containers: []string{"mkt1." + key + ".example"}, ReportSuites: []string{o.RSID},
			CampaignIDEVar: 4, BroadlogIDEVar: 6, Events: demo.Events}
		if i%10 != 3 {
			if err := demoProfile(f, o.Org.ID, spec); err != nil {
				return nil, err
			}
		}
		cfg, err := auth.NewConfig(auth.Credentials{ClientID: o.Credential.ClientID, ClientSecret: auth.Secret(o.Credential.ClientSecret), OrgID: o.Org.ID, Scopes: o.Credential.Scopes},
			auth.WithBaseTransport(f.Transport()), auth.WithUserAgent("go-adobe-example-fleet"))
		if err != nil {
			return nil, err
		}
		orgs = append(orgs, campaign.FleetOrg{Name: key, Spec: spec, Config: cfg})
	}
	return orgs, nil
}

func demoProfile(f *adobetest.Fake, orgID string, spec campaign.ConnectorSpec) error {
	var events []string
	for _, n := range spec.Events {
		events = append(events, fmt.Sprintf("event%d", n))
	}
	sort.Strings(events)
	_, err := f.AddProductProfile(adobetest.ProductProfile{OrgID: orgID, Name: spec.ProfileName(), ProductName: "Adobe Analytics",
		Permissions: adobetest.Permissions{
			ReportSuites: adobetest.PermissionList{Items: spec.ReportSuites}, Metrics: adobetest.PermissionList{Items: events},
			Dimensions:       adobetest.PermissionList{Items: []string{fmt.Sprintf("evar%d", spec.CampaignIDEVar), fmt.Sprintf("evar%d", spec.BroadlogIDEVar)}},
			ReportSuiteTools: []string{"Report Suite Mgmt", "Conversion Variables", "Success Events", "Custom Data Warehouse Report", "Data Sources Manager", "Classifications"},
			AnalyticsTools:   []string{"Code Manager - Web Services", "Logs - Web Services", "Web Services", "Web Service Access", "Calculated Metric Creation", "Segment Creation"},
		}})
	return err
}

// orgFile is one organization's file in -specs.
type orgFile struct {
	Name      string                 `json:"name"`
	Spec      campaign.ConnectorSpec `json:"spec"`
	Workspace string                 `json:"workspace"`
}

func loadOrgs(dir string, opts []auth.Option) ([]campaign.FleetOrg, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil || len(paths) == 0 {
		return nil, fmt.Errorf("no *.json in %s: %v", dir, err)
	}
	var orgs []campaign.FleetOrg
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		var of orgFile
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.DisallowUnknownFields() // a misspelt field is an error, not a default
		if err := dec.Decode(&of); err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		ws := of.Workspace
		if !filepath.IsAbs(ws) {
			ws = filepath.Join(dir, ws)
		}
		name := of.Name
		if name == "" {
			name = filepath.Base(p)
		}
		orgs = append(orgs, campaign.FleetOrg{Name: name, Spec: of.Spec, Credentials: func(context.Context) (*auth.Config, error) {
			creds, err := auth.CredentialsFromWorkspaceFile(ws, "")
			if err != nil {
				return nil, err
			}
			return auth.NewConfig(creds, opts...)
		}})
	}
	return orgs, nil
}
