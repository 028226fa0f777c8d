// Command diagnose checks an existing Adobe Analytics connector for Adobe
// Campaign and writes nothing: every documented failure mode, with its
// status, the evidence, the remedy and the doc reference.
//
// By default it runs against the embedded fake Adobe: it provisions the
// demo org's connector first (the fake playing the Admin Console step), then
// diagnoses it. The demo org has no classification set on the cid eVar, so
// one check warns with its remedy. The command exits 1 when a check fails. With -live it diagnoses real Adobe with
// the organization's OAuth Server-to-Server credential in the ADOBE_*
// variables and the connector spec (-spec).
//
//	go run ./examples/diagnose
//	go run ./examples/diagnose -json
//	go run ./examples/diagnose -live -spec connector.json
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/go-adobe/adobe/adminconsole"
	"github.com/go-adobe/adobe/analytics"
	"github.com/go-adobe/adobe/campaign"
	"github.com/go-adobe/adobe/examples/internal/demo"
	"github.com/go-adobe/adobe/examples/internal/target"
)

func main() { target.Main("diagnose", run) }

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("diagnose", flag.ContinueOnError)
	fs.SetOutput(stderr)
	flags := target.Register(fs)
	specPath := fs.String("spec", "", "connector spec (JSON, see campaign.ConnectorSpec); required with -live")
	asJSON := fs.Bool("json", false, "print the findings as JSON instead of a Markdown table")
	target.SetUsage(fs, "Usage: diagnose [flags]\n\nDiagnoses the Adobe Analytics connector for Adobe Campaign (writes nothing): the embedded fake by default, real Adobe with -live.")
	if done, err := target.Parse(fs, args); done {
		return err
	}
	if flags.Live() && *specPath == "" {
		return errors.New("-live needs -spec connector.json (see campaign.ConnectorSpec)")
	}
	info := stdout
	if *asJSON {
		info = stderr // stdout carries the JSON only
	}
	tg, err := flags.Open(info, stderr, "diagnose", "real Adobe (IMS, User Management, Developer Console, Analytics)", demo.Prepare)
	if err != nil {
		return err
	}
	cfg, err := tg.Config()
	if err != nil {
		return err
	}
	spec := demo.Spec(tg.Credentials.OrgID)
	if *specPath != "" {
		if spec, err = campaign.LoadSpec(*specPath); err != nil {
			return err
		}
	}
	var opts []campaign.Option
	if tg.Fake != nil {
		umapi, err := adminconsole.NewLimiter(adminconsole.DefaultLimits)
		if err != nil {
			return err
		}
		lim, err := analytics.NewLimiter(analytics.Limits{Requests: analytics.RateLimitRequests, Per: analytics.RateLimitPeriod})
		if err != nil {
			return err
		}
		opts = append(opts, campaign.WithPollDelays(10*time.Millisecond, 100*time.Millisecond),
			campaign.WithAnalyticsOptions(analytics.WithLimiter(lim)), campaign.WithAdminConsoleOptions(adminconsole.WithLimiter(umapi)))
		// Something to diagnose: the demo connector, provisioned.
		fmt.Fprintln(stderr, "provisioning the demo connector on the fake first (the fake plays the Admin Console step)")
		_, err = campaign.ProvisionConnector(ctx, cfg, spec, opts...)
		var manual *adminconsole.ManualStepRequired
		if errors.As(err, &manual) {
			if err := demo.PlayAdminConsole(tg.Fake, manual.Profile); err != nil {
				return err
			}
			_, err = campaign.ProvisionConnector(ctx, cfg, spec, opts...)
		}
		if err != nil {
			return err
		}
	}
	d, err := campaign.DiagnoseConnector(ctx, cfg, spec, opts...)
	if err != nil {
		return err
	}
	if *asJSON {
		err = d.JSON(stdout)
	} else {
		err = d.Markdown(stdout)
	}
	if err != nil {
		return err
	}
	if n := d.Count(campaign.Fail); n > 0 {
		return fmt.Errorf("%d checks failed (see the remedies above)", n)
	}
	return nil
}
