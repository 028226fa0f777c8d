package analytics

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strconv"
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
func (s *ReportSuitesService) List(ctx context.Context, opts *ReportSuiteListOptions, reqOpts ...adobe.RequestOption) ([]ReportSuite, *adobe.Response, error) {
	path, q, err := s.listReq(opts)
	if err != nil {
		return nil, nil, err
	}
	items, resp, err := listPage[ReportSuite](ctx, s.client, path, q, reqOpts)
	if isStatus(err, http.StatusNotFound) {
		legacy, _ := s.client.companyPath("collections/suites")
		return listPage[ReportSuite](ctx, s.client, legacy, q, reqOpts)
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
func (s *ReportSuitesService) ListIter(ctx context.Context, opts *ReportSuiteListOptions, reqOpts ...adobe.RequestOption) iter.Seq2[ReportSuite, error] {
	path, q, err := s.listReq(opts)
	if err != nil {
		return errSeq[ReportSuite](err)
	}
	return func(yield func(ReportSuite, error) bool) {
		n := 0
		for rs, err := range iterate[ReportSuite](ctx, s.client, path, q, reqOpts) {
			if err != nil && n == 0 && isStatus(err, http.StatusNotFound) {
				legacy, _ := s.client.companyPath("collections/suites")
				for rs, err := range iterate[ReportSuite](ctx, s.client, legacy, q, reqOpts) {
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
func (s *ReportSuitesService) Get(ctx context.Context, rsid string, expansion []string, reqOpts ...adobe.RequestOption) (*ReportSuite, *adobe.Response, error) {
	if err := checkRSID("rsid", rsid); err != nil {
		return nil, nil, err
	}
	path, err := s.client.companyPath("reportsuites/collections/suites/%s", rsid)
	if err != nil {
		return nil, nil, err
	}
	q := qv("expansion", joinComma(expansion))
	var out ReportSuite
	resp, err := s.client.get(ctx, path, q, &out, reqOpts)
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

// validate checks every field against Adobe's rules; several faults are
// joined.
func (r ReportSuiteCreateRequest) validate() error {
	var errs []error
	errs = append(errs, checkText("Name", r.Name, true, maxNameLen))
	errs = append(errs, checkNonNegative("HitsPerDay", r.HitsPerDay))
	errs = append(errs, checkText("Timezone", r.Timezone, false, 64))
	if r.SignUpDate != "" {
		if _, err := time.Parse(time.DateOnly, r.SignUpDate); err != nil {
			errs = append(errs, core.NewArgError("SignUpDate", "%q is not YYYY-MM-DD", clip(r.SignUpDate)))
		}
	}
	if r.BaseURL != "" {
		if err := checkText("BaseURL", r.BaseURL, false, 2048); err != nil {
			errs = append(errs, err)
		} else if u, err := url.Parse(r.BaseURL); err != nil || u.Host == "" && u.Path == "" {
			errs = append(errs, core.NewArgError("BaseURL", "%q is not a URL", clip(r.BaseURL)))
		}
	}
	if r.CurrencyCode != "" && !currencyRe.MatchString(r.CurrencyCode) {
		errs = append(errs, core.NewArgError("CurrencyCode", "%q is not an ISO 4217 code such as \"USD\"", clip(r.CurrencyCode)))
	}
	return errors.Join(errs...)
}

// validate checks the template rsid.
func (o *ReportSuiteCreateOptions) validate() error {
	if o == nil || o.CopySettingsFromRSID == "" {
		return nil
	}
	return checkRSID("CopySettingsFromRSID", o.CopySettingsFromRSID)
}

// validate checks the rsids and the page.
func (o *ReportSuiteListOptions) validate() error {
	if o == nil {
		return nil
	}
	for i, id := range o.RSIDs {
		if err := checkRSID("RSIDs["+strconv.Itoa(i)+"]", id); err != nil {
			return err
		}
	}
	if err := checkText("RSIDContains", o.RSIDContains, false, 100); err != nil {
		return err
	}
	return o.PageOptions.validate()
}

// CreatedReportSuite is the answer of a creation.
type CreatedReportSuite struct {
	RSID          string `json:"rsid"`
	Created       bool   `json:"created"`
	AxleActivated bool   `json:"axleActivated"`
}

// Create creates a report suite, usually from a template suite. The rsid
// must begin with the owning company's prefix. The call is not retried on
// 5xx (it is a POST); call Get first, or use Ensure, to converge on re-runs.
//
// Adobe API docs: https://developer.adobe.com/analytics-apis/docs/2.0/guides/endpoints/report-suites/
//
// API: POST /api/{globalCompanyId}/reportsuites/reportsuites/{rsid}
func (s *ReportSuitesService) Create(ctx context.Context, rsid string, body ReportSuiteCreateRequest, opts *ReportSuiteCreateOptions, reqOpts ...adobe.RequestOption) (*CreatedReportSuite, *adobe.Response, error) {
	if err := checkRSID("rsid", rsid); err != nil {
		return nil, nil, err
	}
	if err := body.validate(); err != nil {
		return nil, nil, err
	}
	if err := opts.validate(); err != nil {
		return nil, nil, err
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
	resp, err := s.client.do(ctx, http.MethodPost, path, q, body, &out, reqOpts)
	if err != nil {
		return nil, resp, err
	}
	return &out, resp, nil
}

// Ensure returns the report suite rsid if the credential can see it, and
// otherwise creates it with Create. The result's Created says whether this
// call created it, and Changes lists the creation. Re-runs converge without
// creating twice:
//
//   - the lookup comes first; a lookup that fails (an error answer, no
//     answer, or a 2xx body that cannot be read) is returned as an error,
//     never read as "absent";
//   - when the creation's answer is lost (a connection error), is a 5xx or
//     a 2xx whose body cannot be read (*adobe.ResponseError), or Adobe
//     answers 400, Ensure looks the suite up again before doing anything
//     else, and returns it if it is now visible;
//   - after a lost, 5xx or unreadable answer it retries the creation once;
//   - concurrent Ensures of one rsid on one Client (and the copies bound
//     by ForCompany) run one after the other, so they never both create;
//     across processes nothing is serialized, but a second creation of an
//     existing rsid is refused by Adobe (400) and ends in the lookup;
//   - an rsid that does not begin with the bound company's global company
//     id (Adobe requires the owning company's prefix), and any invalid
//     field of body, are refused with a *adobe.ArgError before any request;
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
func (s *ReportSuitesService) Ensure(ctx context.Context, rsid string, body ReportSuiteCreateRequest, opts *ReportSuiteCreateOptions, reqOpts ...adobe.RequestOption) (*adobe.Ensured[ReportSuite], error) {
	if err := checkRSID("rsid", rsid); err != nil {
		return nil, err
	}
	if err := body.validate(); err != nil {
		return nil, err
	}
	if err := opts.validate(); err != nil {
		return nil, err
	}
	if s.client.company == "" {
		return nil, errNoCompany
	}
	if !strings.HasPrefix(rsid, s.client.company) {
		return nil, core.NewArgError("rsid", "%q must begin with the owning company's prefix %q", rsid, s.client.company)
	}
	unlock, err := s.client.locks.Lock(ctx, "suite\x00"+s.client.company+"\x00"+rsid)
	if err != nil {
		return nil, err
	}
	defer unlock()
	if rs, err := s.visible(ctx, rsid, reqOpts); err != nil || rs != nil {
		if err != nil {
			return nil, err
		}
		return &adobe.Ensured[ReportSuite]{Value: *rs}, nil
	}
	createPath := "/api/" + s.client.company + "/reportsuites/reportsuites/" + rsid
	made := func(rs ReportSuite, how string) *adobe.Ensured[ReportSuite] {
		e := &adobe.Ensured[ReportSuite]{Value: rs, Created: true}
		e.Record(fmt.Sprintf("created report suite %s%s", rsid, how), http.MethodPost, createPath)
		return e
	}
	sawAmbiguous := false
	for attempt := 0; ; attempt++ {
		_, _, err := s.Create(ctx, rsid, body, opts, reqOpts...)
		if err == nil {
			return made(ReportSuite{RSID: rsid, Name: body.Name}, ""), nil
		}
		ambiguous := isAmbiguous(ctx, err)
		sawAmbiguous = sawAmbiguous || ambiguous
		if !ambiguous && !isStatus(err, http.StatusBadRequest) {
			return nil, err
		}
		rs, lerr := s.visible(ctx, rsid, reqOpts)
		if lerr != nil {
			return nil, errors.Join(err, lerr)
		}
		if rs != nil {
			if ambiguous {
				// Our creation was applied; its answer was not usable.
				return made(*rs, " (its answer was lost; found by lookup)"), nil
			}
			return &adobe.Ensured[ReportSuite]{Value: *rs}, nil
		}
		if ambiguous && attempt == 0 {
			continue
		}
		if !isStatus(err, http.StatusBadRequest) {
			return nil, err
		}
		if sawAmbiguous {
			// An earlier attempt of ours may have created it.
			return nil, &SuiteNotVisibleError{RSID: rsid, Err: err}
		}
		if opts != nil && opts.CopySettingsFromRSID != "" {
			tpl, terr := s.visible(ctx, opts.CopySettingsFromRSID, reqOpts)
			if terr != nil {
				return nil, errors.Join(err, terr)
			}
			if tpl == nil {
				return nil, fmt.Errorf("analytics: creating report suite %s: the template copySettingsFromRsid %q is not visible to the credential: %w",
					rsid, opts.CopySettingsFromRSID, err)
			}
		}
		return nil, &SuiteNotVisibleError{RSID: rsid, Err: err}
	}
}

// visible returns the suite if the credential can see it, nil if not.
func (s *ReportSuitesService) visible(ctx context.Context, rsid string, reqOpts []adobe.RequestOption) (*ReportSuite, error) {
	got, _, err := s.List(ctx, &ReportSuiteListOptions{RSIDs: []string{rsid}, Expansion: []string{SuiteExpandName}}, reqOpts...)
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
