package campaign

import (
	"fmt"
	"time"
)

// EventKind says what happened to a step.
type EventKind string

// Event kinds.
const (
	StepStarted  EventKind = "start"
	StepFinished EventKind = "finish"
	StepSkipped  EventKind = "skip"
	StepWaiting  EventKind = "wait"
	StepFailed   EventKind = "fail"
)

// Event is one progress report of a run.
type Event struct {
	// Step is the checklist item id (ItemProfile, ItemProject, ...).
	Step string
	// Kind says what happened.
	Kind EventKind
	// Message says it in words; never a secret.
	Message string
	// Wait is, for StepWaiting, the pause before the next check; Elapsed
	// how long the step has waited so far.
	Wait, Elapsed time.Duration
}

// String renders the event as one line.
func (e Event) String() string {
	s := fmt.Sprintf("%-5s %s", e.Kind, e.Step)
	if e.Message != "" {
		s += ": " + e.Message
	}
	if e.Kind == StepWaiting {
		s += fmt.Sprintf(" (waited %s, next check in %s)", e.Elapsed.Round(time.Second), e.Wait.Round(time.Second))
	}
	return s
}

func (o *options) emit(step string, kind EventKind, format string, args ...any) {
	if o.progress != nil {
		o.progress(Event{Step: step, Kind: kind, Message: fmt.Sprintf(format, args...)})
	}
}

// StepError is a run that stopped at a step. It unwraps to the step's
// error, so errors.As finds an *adminconsole.ManualStepRequired, an
// *adobe.Error or a *BlockedError behind it.
type StepError struct {
	// Step is the checklist item id.
	Step string
	// Err is the step's error.
	Err error
}

// Error implements error.
func (e *StepError) Error() string { return "campaign: step " + e.Step + ": " + e.Err.Error() }

// Unwrap returns the step's error.
func (e *StepError) Unwrap() error { return e.Err }
