package fakeanalytics

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/go-adobe/adobe/adobetest/internal/fakestate"
)

// Seed is the "analytics" section of a seed file:
//
//	"analytics": {
//	  "rate_limit": {"requests": 12, "period_seconds": 6},
//	  "companies": [{
//	    "global_company_id": "acme0", "name": "Acme", "org_id": "<org; the first org when empty>",
//	    "report_suites": [{"rsid": "acme0prod", "name": "Acme Prod",
//	      "evars": [{"number": 1, "name": "Campaign ID", "data_type": "text"}],
//	      "events": [{"number": 1, "name": "Sent", "type": "int"}]}],
//	    "classification_sets": [{"name": "Campaigns", "columns": ["Channel"],
//	      "subscriptions": [{"rsid": "acme0prod", "dimension": "variables/evar1"}]}]
//	  }]
//	}
//
// A section with companies replaces the demo company.
type Seed struct {
	RateLimit *SeedRateLimit `json:"rate_limit,omitempty"`
	Companies []SeedCompany  `json:"companies,omitempty"`
}

// SeedRateLimit is the seed's rate limit.
type SeedRateLimit struct {
	Requests      int     `json:"requests"`
	PeriodSeconds float64 `json:"period_seconds"`
}

// SeedCompany is an Analytics company in a seed.
type SeedCompany struct {
	GlobalCompanyID    string                  `json:"global_company_id"`
	Name               string                  `json:"name,omitempty"`
	OrgID              string                  `json:"org_id,omitempty"`
	ReportSuites       []SeedSuite             `json:"report_suites,omitempty"`
	ClassificationSets []SeedClassificationSet `json:"classification_sets,omitempty"`
	Segments           []SeedComponent         `json:"segments,omitempty"`
	CalculatedMetrics  []SeedComponent         `json:"calculated_metrics,omitempty"`
}

// SeedComponent is a segment or calculated metric in a seed. Owner is who
// owns it: a credential's client id ("bootstrap" or empty: the bootstrap
// credential), an Adobe ID user's id ("...@AdobeID") or email. Type,
// polarity and precision apply to calculated metrics (DECIMAL, positive and
// 0 by default).
type SeedComponent struct {
	ID          string          `json:"id,omitempty"`
	Name        string          `json:"name"`
	Description string          `json:"description,omitempty"`
	RSID        string          `json:"rsid"`
	Owner       string          `json:"owner,omitempty"`
	Type        string          `json:"type,omitempty"`
	Polarity    string          `json:"polarity,omitempty"`
	Precision   int             `json:"precision,omitempty"`
	Definition  json.RawMessage `json:"definition"`
}

// SeedSuite is a report suite in a seed.
type SeedSuite struct {
	RSID     string      `json:"rsid"`
	Name     string      `json:"name,omitempty"`
	Currency string      `json:"currency,omitempty"`
	Timezone string      `json:"timezone,omitempty"`
	EVars    []SeedEVar  `json:"evars,omitempty"`
	Events   []SeedEvent `json:"events,omitempty"`
}

// SeedEVar is an enabled eVar in a seed.
type SeedEVar struct {
	Number   int    `json:"number"`
	Name     string `json:"name"`
	DataType string `json:"data_type,omitempty"`
}

// SeedEvent is an enabled success event in a seed.
type SeedEvent struct {
	Number int    `json:"number"`
	Name   string `json:"name"`
	Type   string `json:"type,omitempty"`
}

// SeedClassificationSet is a classification set in a seed.
type SeedClassificationSet struct {
	Name          string   `json:"name"`
	Columns       []string `json:"columns,omitempty"`
	Subscriptions []struct {
		RSID      string `json:"rsid"`
		Dimension string `json:"dimension"`
	} `json:"subscriptions,omitempty"`
}

// ApplySeed applies an "analytics" seed section. Without companies the
// demo company is added.
func (s *Service) ApplySeed(raw json.RawMessage) error {
	var sd Seed
	if err := json.Unmarshal(raw, &sd); err != nil {
		return fmt.Errorf("seed: analytics: %w", err)
	}
	if sd.RateLimit != nil {
		s.SetRateLimit(sd.RateLimit.Requests, time.Duration(sd.RateLimit.PeriodSeconds*float64(time.Second)))
	}
	if len(sd.Companies) == 0 {
		s.addDemo()
		return nil
	}
	orgs := s.st.Orgs()
	for i, c := range sd.Companies {
		org := c.OrgID
		if org == "" && len(orgs) > 0 {
			org = orgs[0].ID
		}
		if err := s.AddCompany(Company{GlobalCompanyID: c.GlobalCompanyID, Name: c.Name, OrgID: org}); err != nil {
			return fmt.Errorf("seed: analytics.companies[%d]: %w", i, err)
		}
		for _, rs := range c.ReportSuites {
			if err := s.AddSuite(c.GlobalCompanyID, Suite{RSID: rs.RSID, Name: rs.Name, Currency: rs.Currency, Timezone: rs.Timezone}); err != nil {
				return fmt.Errorf("seed: analytics.companies[%d]: %w", i, err)
			}
			for _, e := range rs.EVars {
				if err := s.AddEVar(c.GlobalCompanyID, rs.RSID, e.Number, e.Name, e.DataType); err != nil {
					return fmt.Errorf("seed: analytics.companies[%d]: %w", i, err)
				}
			}
			for _, e := range rs.Events {
				if err := s.AddEvent(c.GlobalCompanyID, rs.RSID, e.Number, e.Name, e.Type); err != nil {
					return fmt.Errorf("seed: analytics.companies[%d]: %w", i, err)
				}
			}
		}
		for j, sc := range c.Segments {
			if err := s.seedComponent(c.GlobalCompanyID, segments, sc); err != nil {
				return fmt.Errorf("seed: analytics.companies[%d].segments[%d]: %w", i, j, err)
			}
		}
		for j, sc := range c.CalculatedMetrics {
			if err := s.seedComponent(c.GlobalCompanyID, calcMetrics, sc); err != nil {
				return fmt.Errorf("seed: analytics.companies[%d].calculated_metrics[%d]: %w", i, j, err)
			}
		}
		for _, cs := range c.ClassificationSets {
			d := Dataset{Name: cs.Name}
			for _, col := range cs.Columns {
				d.Columns = append(d.Columns, Column{Name: col, DisplayName: col})
			}
			for _, sub := range cs.Subscriptions {
				d.Subscriptions = append(d.Subscriptions, Subscription{RSID: sub.RSID, Dimension: sub.Dimension})
			}
			if _, err := s.AddDataset(c.GlobalCompanyID, d); err != nil {
				return fmt.Errorf("seed: analytics.companies[%d]: %w", i, err)
			}
		}
	}
	return nil
}

// ExportSeed returns the part's state as a seed section: every company with
// its report suites, enabled eVars and events, and classification sets (their
// columns and subscriptions, not their imported values), and the rate limit.
// An org id equal to defaultOrg is left out, so the section loads into any
// fake's demo org. Segments and calculated metrics are exported with their
// owners; Data Sources accounts, classification values and the company's
// other users are not.
func (s *Service) ExportSeed(defaultOrg string) Seed {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := Seed{RateLimit: &SeedRateLimit{Requests: s.limit.n, PeriodSeconds: s.limit.per.Seconds()}}
	for _, c := range s.companies {
		sc := SeedCompany{GlobalCompanyID: c.GlobalCompanyID, Name: c.Name, OrgID: c.OrgID}
		if sc.OrgID == defaultOrg {
			sc.OrgID = ""
		}
		for _, su := range c.suites {
			ss := SeedSuite{RSID: su.RSID, Name: su.Name, Currency: su.Currency, Timezone: su.Timezone}
			for _, d := range su.dims {
				if n, ok := strings.CutPrefix(d.ID, "variables/evar"); ok {
					num, _ := strconv.Atoi(n)
					ss.EVars = append(ss.EVars, SeedEVar{Number: num, Name: d.Name, DataType: d.DataType})
				}
			}
			for _, m := range su.metrics {
				if n, ok := strings.CutPrefix(m.ID, "metrics/event"); ok {
					num, _ := strconv.Atoi(n)
					ss.Events = append(ss.Events, SeedEvent{Number: num, Name: m.Name, Type: m.Type})
				}
			}
			sc.ReportSuites = append(sc.ReportSuites, ss)
		}
		for _, d := range c.datasets {
			cs := SeedClassificationSet{Name: d.Name}
			for _, col := range d.Columns {
				cs.Columns = append(cs.Columns, col.Name)
			}
			for _, sub := range d.Subscriptions {
				cs.Subscriptions = append(cs.Subscriptions, struct {
					RSID      string `json:"rsid"`
					Dimension string `json:"dimension"`
				}{sub.RSID, sub.Dimension})
			}
			sc.ClassificationSets = append(sc.ClassificationSets, cs)
		}
		sc.Segments = s.exportComponents(c, segments)
		sc.CalculatedMetrics = s.exportComponents(c, calcMetrics)
		out.Companies = append(out.Companies, sc)
	}
	return out
}

// ownerKey resolves a seed component's owner to the principal key that
// loginID uses: a technical account id or an Adobe ID user id.
func (s *Service) ownerKey(owner string) (string, error) {
	if owner == "" || owner == fakestate.BootstrapAlias {
		owner = s.st.Bootstrap()
	}
	if c, ok := s.st.Credential(owner); ok {
		return c.TechnicalAccountID, nil
	}
	if u, ok := s.st.User(owner); ok {
		return u.ID, nil
	}
	if u, ok := s.st.UserByEmail(owner); ok {
		return u.ID, nil
	}
	return "", fmt.Errorf("%w: owner %q (a client id, user id or email)", fakestate.ErrNotFound, owner)
}

func (s *Service) seedComponent(gcid string, k kind, sc SeedComponent) error {
	if sc.Name == "" || len(sc.Definition) == 0 {
		return fmt.Errorf("%w: name and definition are required", fakestate.ErrInvalid)
	}
	key, err := s.ownerKey(sc.Owner)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.companyLocked(gcid)
	if c.suite(sc.RSID) == nil {
		return fmt.Errorf("%w: report suite %q", fakestate.ErrNotFound, sc.RSID)
	}
	owner, ok := c.users[key]
	if !ok {
		owner = s.newID()
		c.users[key] = owner
	}
	now := time.Now()
	x := &Component{ID: sc.ID, Name: sc.Name, Description: sc.Description, RSID: sc.RSID, OwnerID: owner,
		Polarity: "positive", Precision: sc.Precision, Definition: sc.Definition, Created: now, Modified: now}
	if x.ID == "" {
		x.ID = fmt.Sprintf("%s%d_%s", k.idPrefix, c.num, s.st.RandString("0123456789abcdef", 24))
	}
	if k.cm {
		x.Type = defaultCalcMetricType
		if sc.Type != "" {
			x.Type = sc.Type
		}
		if sc.Polarity != "" {
			x.Polarity = sc.Polarity
		}
	}
	*c.list(k) = append(*c.list(k), x)
	return nil
}

// exportComponents writes a company's segments or calculated metrics as
// seed components, owners as client ids ("bootstrap" for the bootstrap
// credential) or user ids. Callers hold s.mu.
func (s *Service) exportComponents(c *company, k kind) []SeedComponent {
	var out []SeedComponent
	for _, x := range *c.list(k) {
		sc := SeedComponent{ID: x.ID, Name: x.Name, Description: x.Description, RSID: x.RSID, Definition: x.Definition}
		if k.cm {
			sc.Type, sc.Polarity, sc.Precision = x.Type, x.Polarity, x.Precision
		}
		for key, id := range c.users {
			if id != x.OwnerID {
				continue
			}
			sc.Owner = key
			for _, cr := range s.st.Credentials(c.OrgID) {
				if cr.TechnicalAccountID == key {
					sc.Owner = cr.ClientID
					if cr.ClientID == s.st.Bootstrap() {
						sc.Owner = fakestate.BootstrapAlias
					}
				}
			}
		}
		out = append(out, sc)
	}
	return out
}
