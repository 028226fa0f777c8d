// Command provision provisions the Adobe Analytics connector for Adobe
// Campaign in one run, with live progress, and prints the result: the
// checklist, the nlserver -setimsoauth command for each container and the
// values to pick in Campaign's external account.
//
// By default it runs against the embedded fake Adobe (package adobetest): no
// credentials, no network. The first pass stops at the step no Adobe API can
// take (creating the product profile in the Admin Console); the fake then
// plays the person in the Admin Console, saying so, and the run goes on.
// With -live it uses real Adobe: the organization's OAuth Server-to-Server
// credential in ADOBE_CLIENT_ID, ADOBE_CLIENT_SECRET, ADOBE_ORG_ID and
// ADOBE_SCOPES (ADOBE_ENDPOINT sends every service to one base URL, such as
// the standalone fake), and a connector spec (-spec).
//
//	go run ./examples/provision
//	go run ./examples/provision -plan
//	go run ./examples/provision -live -spec connector.json -wait 30m
//	go run ./examples/provision -live -spec connector.json -login   # Developer Console steps as your Adobe ID
//
// The client secret is masked in every output unless -reveal is given.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/go-adobe/adobe/adminconsole"
	"github.com/go-adobe/adobe/adobetest"
	"github.com/go-adobe/adobe/analytics"
	"github.com/go-adobe/adobe/auth"
	"github.com/go-adobe/adobe/campaign"
	"github.com/go-adobe/adobe/devconsole"
	"github.com/go-adobe/adobe/examples/internal/demo"
	"github.com/go-adobe/adobe/examples/internal/target"
	"github.com/go-adobe/adobe/ims"
)

func main() { target.Main("provision", run) }

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("provision", flag.ContinueOnError)
	fs.SetOutput(stderr)
	flags := target.Register(fs)
	specPath := fs.String("spec", "", "connector spec (JSON, see campaign.ConnectorSpec); required with -live")
	planOnly := fs.Bool("plan", false, "only plan: read and print what would change, write nothing")
	asJSON := fs.Bool("json", false, "print the result as JSON instead of Markdown")
	reveal := fs.Bool("reveal", false, "print the -setimsoauth commands with the client secret in clear")
	wait := fs.Duration("wait", 0, "wait this long for the product profile to be created in the Admin Console (default: stop and print the steps)")
	login := fs.Bool("login", false, "run the Developer Console steps as your Adobe ID (browser login; ADOBE_LOGIN_CLIENT_ID names the OAuth Native App credential with -live)")
	target.SetUsage(fs, "Usage: provision [flags]\n\nProvisions the Adobe Analytics connector for Adobe Campaign: the embedded fake by default, real Adobe with -live.")
	if done, err := target.Parse(fs, args); done {
		return err
	}
	if flags.Live() && *specPath == "" {
		return errors.New("-live needs -spec connector.json (see campaign.ConnectorSpec)")
	}

	// With -json, stdout carries the JSON only; everything else goes to
	// stderr.
	info := stdout
	if *asJSON {
		info = stderr
	}
	tg, err := flags.Open(info, stderr, "provision", "real Adobe (IMS, User Management, Developer Console, Analytics)", demo.Prepare)
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
	opts := []campaign.Option{campaign.WithProgress(progressPrinter(stderr))}
	if tg.Fake != nil {
		// The fake propagates at once: poll fast so the demo never sleeps.
		// Analytics' client limiter is shared per project id for the life
		// of the process; the fake's ids repeat, so this run gets its own.
		// So are the User Management API's, per client id.
		lim, err := analytics.NewLimiter(analytics.Limits{Requests: analytics.RateLimitRequests, Per: analytics.RateLimitPeriod})
		if err != nil {
			return err
		}
		umapi, err := adminconsole.NewLimiter(adminconsole.DefaultLimits)
		if err != nil {
			return err
		}
		opts = append(opts, campaign.WithPollDelays(10*time.Millisecond, 100*time.Millisecond),
			campaign.WithAnalyticsOptions(analytics.WithLimiter(lim)), campaign.WithAdminConsoleOptions(adminconsole.WithLimiter(umapi)))
	}
	if *wait > 0 {
		opts = append(opts, campaign.WithProfileWait(*wait))
	}
	if *login {
		consoleCfg, err := loginConfig(ctx, tg, stderr)
		if err != nil {
			return err
		}
		opts = append(opts, campaign.WithConsoleConfig(consoleCfg))
	}

	if *planOnly {
		p, err := campaign.PlanConnector(ctx, cfg, spec, opts...)
		if err != nil {
			return err
		}
		if *asJSON {
			return p.JSON(stdout)
		}
		return p.Markdown(stdout)
	}

	res, err := campaign.ProvisionConnector(ctx, cfg, spec, opts...)
	var manual *adminconsole.ManualStepRequired
	if errors.As(err, &manual) {
		fmt.Fprintf(info, "\nManual step: no Adobe API creates a product profile.\n\n%s\n", manual.Markdown())
		switch control := demo.ControlPlane(ctx, os.Getenv(auth.EnvEndpoint)); {
		case tg.Fake != nil:
			fmt.Fprintln(info, "The embedded fake now plays the person in the Admin Console and creates the profile with these permissions.")
			if err := demo.PlayAdminConsole(tg.Fake, manual.Profile); err != nil {
				return err
			}
		case flags.Live() && control != "":
			fmt.Fprintf(info, "%s is a standalone fake: its control plane (%s) now plays the person in the Admin Console.\n", os.Getenv(auth.EnvEndpoint), control)
			if err := demo.PlayAdminConsoleOver(ctx, control, manual.Profile); err != nil {
				return err
			}
		default:
			return errors.New("take the steps above in the Admin Console, then run again (or pass -wait 30m to wait for them)")
		}
		res, err = campaign.ProvisionConnector(ctx, cfg, spec, opts...)
	}
	var cc *campaign.CustomerCareRequired
	if res != nil && (err == nil || errors.As(err, &cc)) {
		if perr := print(stdout, info, res, *asJSON, *reveal); perr != nil {
			return perr
		}
	}
	if cc != nil {
		return nil // the request for Adobe is the result
	}
	return err
}

func print(w, info io.Writer, res *campaign.ConnectorResult, asJSON, reveal bool) error {
	if asJSON {
		if err := res.JSON(w); err != nil {
			return err
		}
	} else if err := res.Markdown(w); err != nil {
		return err
	}
	if reveal && len(res.Commands) > 0 {
		cmds, err := res.RevealCommands()
		if err != nil {
			return err
		}
		fmt.Fprintln(info, "\n-reveal: the commands below contain the client secret. Run them on the containers; keep them out of tickets and logs.")
		for _, c := range cmds {
			fmt.Fprintf(info, "# %s\n%s\n", c.Host, c.Command)
		}
	}
	return nil
}

// progressPrinter shows progress: one rewritten line on a terminal, plain
// lines otherwise.
func progressPrinter(w io.Writer) func(campaign.Event) {
	tty := false
	if f, ok := w.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			tty = true
		}
	}
	var mu sync.Mutex // steps run side by side
	return func(e campaign.Event) {
		mu.Lock()
		defer mu.Unlock()
		if tty && e.Kind != campaign.StepFailed {
			fmt.Fprintf(w, "\r\033[K%s", e)
			if e.Kind == campaign.StepFinished || e.Kind == campaign.StepSkipped {
				fmt.Fprintln(w)
			}
			return
		}
		fmt.Fprintln(w, e)
	}
}

// loginConfig logs in with an Adobe ID (PKCE, the way Adobe's CLI does) and
// returns a configuration for the Developer Console steps.
func loginConfig(ctx context.Context, tg *target.Target, stderr io.Writer) (*auth.Config, error) {
	clientID := os.Getenv("ADOBE_LOGIN_CLIENT_ID")
	lc := ims.LoginConfig{ClientID: clientID, Scopes: []string{"openid", "AdobeID", "read_organizations", "additional_info.projectedProductContext", "additional_info.roles", "adobeio_api", "read_client_secret", "manage_client_secrets", "offline_access"}, Out: stderr}
	if tg.Fake != nil {
		c, err := tg.Fake.AddCredential(adobetest.Credential{Name: "Login", Type: adobetest.TypeNativeApp, Scopes: lc.Scopes})
		if err != nil {
			return nil, err
		}
		lc.ClientID = c.ClientID
		lc.Open = playBrowser(tg.Fake)
	} else if clientID == "" {
		return nil, errors.New("-login with -live needs ADOBE_LOGIN_CLIENT_ID: the client id of an OAuth Native App credential whose redirect URI allows http://127.0.0.1")
	}
	ic, err := ims.NewClient(ims.WithHTTPOptions(tg.Options...))
	if err != nil {
		return nil, err
	}
	res, err := ic.Login(ctx, lc)
	if err != nil {
		return nil, err
	}
	fmt.Fprintln(stderr, "logged in with an Adobe ID: the Developer Console steps run as that user")
	cfg, err := auth.NewConfigFromTokenSource(lc.ClientID, tg.Credentials.OrgID, res.TokenSource, tg.Options...)
	if err != nil || tg.Fake == nil {
		return cfg, err
	}
	// A person accepts the Adobe Developer Terms once, in the Console; the
	// fake's demo user has not yet.
	fmt.Fprintln(stderr, "the embedded fake's demo user accepts the Adobe Developer Terms, as a person does once in the Console")
	dc, err := devconsole.NewFromConfig(cfg)
	if err != nil {
		return nil, err
	}
	org, err := dc.Organizations.Resolve(ctx, tg.Credentials.OrgID)
	if err != nil {
		return nil, err
	}
	if _, _, err := dc.Organizations.AcceptTerms(ctx, org.ID); err != nil {
		return nil, err
	}
	return cfg, nil
}
