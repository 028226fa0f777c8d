package fakeanalytics

import (
	"encoding/json"
	"fmt"
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
	RateLimit *struct {
		Requests      int     `json:"requests"`
		PeriodSeconds float64 `json:"period_seconds"`
	} `json:"rate_limit"`
	Companies []struct {
		GlobalCompanyID string `json:"global_company_id"`
		Name            string `json:"name"`
		OrgID           string `json:"org_id"`
		ReportSuites    []struct {
			RSID  string `json:"rsid"`
			Name  string `json:"name"`
			EVars []struct {
				Number   int    `json:"number"`
				Name     string `json:"name"`
				DataType string `json:"data_type"`
			} `json:"evars"`
			Events []struct {
				Number int    `json:"number"`
				Name   string `json:"name"`
				Type   string `json:"type"`
			} `json:"events"`
		} `json:"report_suites"`
		ClassificationSets []struct {
			Name          string   `json:"name"`
			Columns       []string `json:"columns"`
			Subscriptions []struct {
				RSID      string `json:"rsid"`
				Dimension string `json:"dimension"`
			} `json:"subscriptions"`
		} `json:"classification_sets"`
	} `json:"companies"`
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
			if err := s.AddSuite(c.GlobalCompanyID, Suite{RSID: rs.RSID, Name: rs.Name}); err != nil {
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
