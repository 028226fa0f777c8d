package analytics

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/go-adobe/adobe"
	"github.com/go-adobe/adobe/internal/core"
)

// ReportSuitesService reads and creates report suites.
type ReportSuitesService service

// Report-suite expansions (ReportSuiteListOptions.Expansion).
const (
	SuiteExpandName             = "name"
	SuiteExpandParentRSID       = "parentRsid"
	SuiteExpandCurrency         = "currency"
	SuiteExpandCalendarType     = "calendarType"
	SuiteExpandTimezoneZoneinfo = "timezoneZoneinfo"
)

// ReportSuite is a report suite (Adobe's Suite).
type ReportSuite struct {
	RSID             string        `json:"rsid"`
	ID               string        `json:"id,omitempty"`
	Name             string        `json:"name,omitempty"`
	ParentRSID       string        `json:"parentRsid,omitempty"`
	Currency         string        `json:"currency,omitempty"`
	TimezoneZoneinfo string        `json:"timezoneZoneinfo,omitempty"`
	CalendarType     *CalendarType `json:"calendarType,omitempty"`
}

// CalendarType is a suite's calendar settings.
type CalendarType struct {
	RSID       string `json:"rsid,omitempty"`
	AnchorDate string `json:"anchorDate,omitempty"`
	// Type is GREGORIAN, NRF, QRS, CUSTOM_454, CUSTOM_445,
	// MODIFIED_GREGORIAN or CUSTOM_544.
	Type string `json:"type,omitempty"`
}

// ReportSuiteListOptions filters GET /reportsuites/collections/suites.
type ReportSuiteListOptions struct {
	// RSIDs restricts the list to these report suite ids.
	RSIDs []string `url:"rsids,comma,omitempty"`
	// RSIDContains keeps suites whose id contains this text.
	RSIDContains string `url:"rsidContains,omitempty"`
	// Expansion adds fields (the SuiteExpand constants).
	Expansion []string `url:"expansion,comma,omitempty"`
	PageOptions
}

// List returns one page of the report suites the credential can see (a
// product profile that does not grant a suite hides it).
//
// If Adobe answers the documented path 404, List asks the legacy path
// /api/{globalCompanyId}/collections/suites (which the community clients
// still use) once with the same parameters; its items decode into
// ReportSuite too (timezoneZoneInfo is not carried over).
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/report-suites/
//
// API: GET /api/{globalCompanyId}/reportsuites/collections/suites
// (on 404: GET /api/{globalCompanyId}/collections/suites)
func (s *ReportSuitesService) List(ctx context.Context, opts *ReportSuiteListOptions, ropts ...adobe.RequestOption) ([]ReportSuite, *Response, error) {
	path, q, err := s.listReq(opts)
	if err != nil {
		return nil, nil, err
	}
	items, resp, err := listPage[ReportSuite](ctx, s.client, path, q, ropts)
	if isStatus(err, http.StatusNotFound) {
		legacy, _ := s.client.companyPath("collections/suites")
		return listPage[ReportSuite](ctx, s.client, legacy, q, ropts)
	}
	return items, resp, err
}

// ListIter iterates over every report suite that opts selects, page by
// page. Like List, it falls back to the legacy path when the documented
// one answers its first page 404.
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/report-suites/
//
// API: GET /api/{globalCompanyId}/reportsuites/collections/suites
// (on 404: GET /api/{globalCompanyId}/collections/suites)
func (s *ReportSuitesService) ListIter(ctx context.Context, opts *ReportSuiteListOptions, ropts ...adobe.RequestOption) iter.Seq2[ReportSuite, error] {
	path, q, err := s.listReq(opts)
	if err != nil {
		return errSeq[ReportSuite](err)
	}
	return func(yield func(ReportSuite, error) bool) {
		n := 0
		for rs, err := range iterate[ReportSuite](ctx, s.client, path, q, ropts) {
			if err != nil && n == 0 && isStatus(err, http.StatusNotFound) {
				legacy, _ := s.client.companyPath("collections/suites")
				for rs, err := range iterate[ReportSuite](ctx, s.client, legacy, q, ropts) {
					if !yield(rs, err) {
						return
					}
				}
				return
			}
			n++
			if !yield(rs, err) {
				return
			}
		}
	}
}

func (s *ReportSuitesService) listReq(opts *ReportSuiteListOptions) (string, url.Values, error) {
	path, err := s.client.companyPath("reportsuites/collections/suites")
	if err != nil {
		return "", nil, err
	}
	if opts == nil {
		opts = &ReportSuiteListOptions{}
	}
	q, err := encode(opts)
	return path, q, err
}

// Get returns one report suite; expansion adds fields (the SuiteExpand
// constants). A suite the credential cannot see answers 404
// (adobe.ErrNotFound).
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/report-suites/
//
// API: GET /api/{globalCompanyId}/reportsuites/collections/suites/{rsid}
func (s *ReportSuitesService) Get(ctx context.Context, rsid string, expansion []string, ropts ...adobe.RequestOption) (*ReportSuite, *Response, error) {
	if err := required("rsid", rsid); err != nil {
		return nil, nil, err
	}
	path, err := s.client.companyPath("reportsuites/collections/suites/%s", rsid)
	if err != nil {
		return nil, nil, err
	}
	q := qv("expansion", joinComma(expansion))
	var out ReportSuite
	resp, err := s.client.get(ctx, path, q, &out, ropts)
	if err != nil {
		return nil, resp, err
	}
	return &out, resp, nil
}

// ReportSuiteCreateRequest is the body of a report-suite creation.
type ReportSuiteCreateRequest struct {
	// Name is the suite's display name (required).
	Name string `json:"name"`
	// HitsPerDay is the expected daily traffic.
	HitsPerDay int `json:"hitsPerDay,omitempty"`
	// Timezone is an Analytics time zone name, e.g. "US/Pacific".
	Timezone string `json:"timezone,omitempty"`
	// SignUpDate is "YYYY-MM-DD".
	SignUpDate string `json:"signUpDate,omitempty"`
	// BaseURL is the site's base URL.
	BaseURL string `json:"baseUrl,omitempty"`
	// CurrencyCode is e.g. "USD".
	CurrencyCode string `json:"currencyCode,omitempty"`
}

// ReportSuiteCreateOptions are the query parameters of a creation.
type ReportSuiteCreateOptions struct {
	// CopySettingsFromRSID is the template suite whose settings the new
	// suite copies. Whether eVar and event definitions are copied is not
	// documented; check them with VerifyComponents afterwards.
	CopySettingsFromRSID string `url:"copySettingsFromRsid,omitempty"`
}

// CreatedReportSuite is the answer of a creation.
type CreatedReportSuite struct {
	RSID          string `json:"rsid"`
	Created       bool   `json:"created"`
	AxleActivated bool   `json:"axleActivated"`
}

var rsidRe = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,99}$`)

// Create creates a report suite, usually from a template suite. The rsid
// must begin with the owning company's prefix. The call is not retried on
// 5xx (it is a POST); call Get first, or use Ensure, to converge on re-runs.
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/report-suites/
//
// API: POST /api/{globalCompanyId}/reportsuites/reportsuites/{rsid}
func (s *ReportSuitesService) Create(ctx context.Context, rsid string, body ReportSuiteCreateRequest, opts *ReportSuiteCreateOptions, ropts ...adobe.RequestOption) (*CreatedReportSuite, *Response, error) {
	if !rsidRe.MatchString(rsid) {
		return nil, nil, core.NewArgError("rsid", "%q must be lower-case letters, digits, '.', '-' or '_' (at most 100)", rsid)
	}
	if err := required("Name", body.Name); err != nil {
		return nil, nil, err
	}
	if body.SignUpDate != "" {
		if _, err := time.Parse(time.DateOnly, body.SignUpDate); err != nil {
			return nil, nil, core.NewArgError("SignUpDate", "%q is not YYYY-MM-DD", body.SignUpDate)
		}
	}
	path, err := s.client.companyPath("reportsuites/reportsuites/%s", rsid)
	if err != nil {
		return nil, nil, err
	}
	if opts == nil {
		opts = &ReportSuiteCreateOptions{}
	}
	q, err := encode(opts)
	if err != nil {
		return nil, nil, err
	}
	var out CreatedReportSuite
	resp, err := s.client.do(ctx, http.MethodPost, path, q, body, &out, ropts)
	if err != nil {
		return nil, resp, err
	}
	return &out, resp, nil
}

// Ensure returns the report suite rsid if the credential can see it, and
// otherwise creates it with Create; created reports whether this call
// created it. Re-runs converge without creating twice:
//
//   - when the creation's answer is lost (a connection error) or is a 5xx,
//     or Adobe answers 400, Ensure looks the suite up again before doing
//     anything else, and returns it if it is now visible;
//   - after a lost answer or a 5xx it retries the creation once;
//   - an rsid that does not begin with the bound company's global company
//     id (Adobe requires the owning company's prefix) is refused with a
//     *adobe.ArgError before any request;
//   - when Adobe refuses the creation (400) and the template
//     copySettingsFromRsid is not visible, Ensure returns Adobe's 400
//     (errors.As to *adobe.Error) saying so;
//   - otherwise a suite that Adobe refuses to create (400) and that the
//     credential cannot see most likely exists already (an earlier run's
//     creation, or someone else's) outside the credential's product
//     profile: Ensure returns a *[SuiteNotVisibleError] (errors.Is(err,
//     [ErrSuiteNotVisible])) saying to add it to the profile.
//
// A suite created by a credential whose profile lists report suites by id
// (not auto-include) is not visible to it until an administrator adds it
// to the profile's Report Suites.
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/report-suites/
//
// API: GET /api/{globalCompanyId}/reportsuites/collections/suites?rsids={rsid},
// then POST /api/{globalCompanyId}/reportsuites/reportsuites/{rsid} when
// absent (and the GET again after a failed or unanswered POST).
func (s *ReportSuitesService) Ensure(ctx context.Context, rsid string, body ReportSuiteCreateRequest, opts *ReportSuiteCreateOptions, ropts ...adobe.RequestOption) (suite *ReportSuite, created bool, err error) {
	if !rsidRe.MatchString(rsid) {
		return nil, false, core.NewArgError("rsid", "%q must be lower-case letters, digits, '.', '-' or '_' (at most 100)", rsid)
	}
	if err := required("Name", body.Name); err != nil {
		return nil, false, err
	}
	if s.client.company == "" {
		return nil, false, errNoCompany
	}
	if !strings.HasPrefix(rsid, s.client.company) {
		return nil, false, core.NewArgError("rsid", "%q must begin with the owning company's prefix %q", rsid, s.client.company)
	}
	if rs, err := s.visible(ctx, rsid, ropts); err != nil || rs != nil {
		return rs, false, err
	}
	sawAmbiguous := false
	for attempt := 0; ; attempt++ {
		_, _, err := s.Create(ctx, rsid, body, opts, ropts...)
		if err == nil {
			return &ReportSuite{RSID: rsid, Name: body.Name}, true, nil
		}
		ambiguous := isAmbiguous(ctx, err)
		sawAmbiguous = sawAmbiguous || ambiguous
		if !ambiguous && !isStatus(err, http.StatusBadRequest) {
			return nil, false, err
		}
		rs, lerr := s.visible(ctx, rsid, ropts)
		if lerr != nil {
			return nil, false, errors.Join(err, lerr)
		}
		if rs != nil {
			return rs, ambiguous, nil // ambiguous: our lost creation made it
		}
		if ambiguous && attempt == 0 {
			continue
		}
		if !isStatus(err, http.StatusBadRequest) {
			return nil, false, err
		}
		if sawAmbiguous {
			// An earlier attempt of ours may have created it.
			return nil, false, &SuiteNotVisibleError{RSID: rsid, Err: err}
		}
		if opts != nil && opts.CopySettingsFromRSID != "" {
			tpl, terr := s.visible(ctx, opts.CopySettingsFromRSID, ropts)
			if terr != nil {
				return nil, false, errors.Join(err, terr)
			}
			if tpl == nil {
				return nil, false, fmt.Errorf("analytics: creating report suite %s: the template copySettingsFromRsid %q is not visible to the credential: %w",
					rsid, opts.CopySettingsFromRSID, err)
			}
		}
		return nil, false, &SuiteNotVisibleError{RSID: rsid, Err: err}
	}
}

// visible returns the suite if the credential can see it, nil if not.
func (s *ReportSuitesService) visible(ctx context.Context, rsid string, ropts []adobe.RequestOption) (*ReportSuite, error) {
	got, _, err := s.List(ctx, &ReportSuiteListOptions{RSIDs: []string{rsid}, Expansion: []string{SuiteExpandName}}, ropts...)
	if err != nil {
		return nil, err
	}
	for _, rs := range got {
		if rs.RSID == rsid {
			return &rs, nil
		}
	}
	return nil, nil
}
