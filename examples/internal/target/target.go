// Package target chooses where an example program runs: the embedded fake
// Adobe of package adobetest (the default: no credentials, no network) or
// real Adobe (-live, with the credential in the ADOBE_* environment
// variables, see auth.CredentialsFromEnv).
package target

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"

	"github.com/go-adobe/adobe/adobetest"
	"github.com/go-adobe/adobe/auth"
)

// Flags are the flags every example shares.
type Flags struct {
	live, debug *bool
}

// Register adds -live and -debug to fs.
func Register(fs *flag.FlagSet) *Flags {
	return &Flags{
		live:  fs.Bool("live", false, "use real Adobe and the ADOBE_* environment variables"),
		debug: fs.Bool("debug", false, "log each HTTP attempt (never secrets or tokens) to stderr"),
	}
}

// Live reports whether -live was given.
func (f *Flags) Live() bool { return *f.live }

// Target is where an example runs.
type Target struct {
	// Fake is the embedded fake; nil with -live.
	Fake *adobetest.Fake
	// Credentials authenticate the example: the fake's bootstrap
	// credential, or the ADOBE_* variables with -live.
	Credentials auth.Credentials
	// Options configure the transport: the fake's in-process transport, a
	// debug logger with -debug, and the example's User-Agent.
	Options []auth.Option
}

// Open prints the target on stdout and returns it. name is the example's
// name (its User-Agent is go-adobe-example-<name>); live describes the real
// Adobe service for the -live case; prepare, if not nil, sets up the fake
// (the step a person would do in a console, say) before the example uses it.
// The fake's ids are seeded, so its output is stable.
func (f *Flags) Open(stdout, stderr io.Writer, name, live string, prepare func(*adobetest.Fake) error) (*Target, error) {
	t := &Target{Options: f.Options(name, stderr)}
	if *f.live {
		c, err := auth.CredentialsFromEnv()
		if err != nil {
			return nil, err
		}
		t.Credentials = c
		if ep := os.Getenv(auth.EnvEndpoint); ep != "" {
			live = ep + " (" + auth.EnvEndpoint + ")"
		}
		fmt.Fprintln(stdout, "Target:", live)
		return t, nil
	}
	fake, err := adobetest.New(adobetest.WithRandSeed(1))
	if err != nil {
		return nil, err
	}
	if prepare != nil {
		if err := prepare(fake); err != nil {
			return nil, err
		}
	}
	b := fake.Bootstrap()
	t.Fake = fake
	t.Credentials = auth.Credentials{ClientID: b.ClientID, ClientSecret: auth.Secret(b.ClientSecret), OrgID: b.OrgID, Scopes: b.Scopes}
	t.Options = append(t.Options, auth.WithBaseTransport(fake.Transport()))
	fmt.Fprintln(stdout, "Target: embedded fake Adobe (use -live for real Adobe)")
	return t, nil
}

// Options are the auth options every example uses: its User-Agent, the
// -debug logger on stderr and, with -live, ADOBE_ENDPOINT.
func (f *Flags) Options(name string, stderr io.Writer) []auth.Option {
	opts := []auth.Option{auth.WithUserAgent("go-adobe-example-" + name)}
	if *f.debug {
		opts = append(opts, auth.WithLogger(slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	}
	if ep := os.Getenv(auth.EnvEndpoint); *f.live && ep != "" {
		opts = append(opts, auth.WithEndpoint(ep))
	}
	return opts
}

// Config returns the auth.Config of the target. With -live it is
// auth.LoadConfigFromEnv's, so ADOBE_ENDPOINT (a local fake, a recording
// proxy) is honoured.
func (t *Target) Config() (*auth.Config, error) {
	if t.Fake == nil {
		return auth.NewConfig(t.Credentials, t.Options...)
	}
	return auth.NewConfig(t.Credentials, t.Options...)
}

// SetUsage makes fs's -h print doc (what the example does, how to run it)
// above the flags.
func SetUsage(fs *flag.FlagSet, doc string) {
	fs.Usage = func() {
		out := fs.Output()
		fmt.Fprintln(out, strings.TrimSpace(doc))
		fmt.Fprintln(out)
		fmt.Fprintln(out, "Flags:")
		fs.PrintDefaults()
	}
}

// Parse parses an example's arguments: done is true after -h (the usage
// was printed: the example has nothing more to do), and arguments left
// after the flags are an error.
func Parse(fs *flag.FlagSet, args []string) (done bool, err error) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return true, nil
		}
		return true, err
	}
	if fs.NArg() > 0 {
		return true, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	return false, nil
}

// ExitCode is the exit status for run's error, which it prints on stderr
// first: 0 for success and for -h (flag.ErrHelp: the usage was asked for
// and printed), 1 otherwise.
func ExitCode(name string, err error, stderr io.Writer) int {
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	}
	fmt.Fprintln(stderr, name+":", err)
	return 1
}

// Main runs an example's run function with a context that ends on
// interrupt, and exits with ExitCode's status: 1 (after printing the error)
// when it fails, 0 when it succeeds or -h printed the usage.
func Main(name string, run func(ctx context.Context, args []string, stdout, stderr io.Writer) error) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if code := ExitCode(name, err, os.Stderr); code != 0 {
		os.Exit(code)
	}
}
