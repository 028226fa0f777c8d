package fakeanalytics

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
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
// fake's demo org. Segments, calculated metrics, Data Sources accounts and
// users are not exported.
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
		out.Companies = append(out.Companies, sc)
	}
	return out
}
