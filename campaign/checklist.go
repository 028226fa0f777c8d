package campaign

import (
	"fmt"
	"strings"
)

// Checklist item ids, in the documented order.
const (
	ItemEligibility     = "eligibility"
	ItemProfile         = "admin-console-profile"
	ItemOperator        = "operator-on-profile"
	ItemProject         = "developer-console-project"
	ItemCredential      = "oauth-credential"
	ItemAttach          = "analytics-api-with-profile"
	ItemToken           = "connector-token"
	ItemDiscovery       = "analytics-company"
	ItemComponents      = "report-suites-evars-events"
	ItemToolPermissions = "tool-permissions"
	ItemClassification  = "classification-set"
	ItemCollection      = "cid-bid-collection"
	ItemServerCommand   = "setimsoauth"
	ItemFeatureFlag     = "analytics-20-option"
	ItemExternalAccount = "external-account"
	ItemCustomerCare    = "customer-care"
)

// newChecklist returns the procedure's items for the spec, every one
// pending (or n/a for the deployment).
func newChecklist(s ConnectorSpec) []ChecklistItem {
	self := s.Deployment.SelfService()
	items := []ChecklistItem{
		{ID: ItemEligibility, Console: "SDK", Title: "Deployment, build and instance can run the connector", Automated: true, Doc: docProvisioning},
		{ID: ItemProfile, Console: "Admin Console", Title: "Product profile " + s.ProfileName() + " with the connector's Analytics permissions", Doc: docProvisioning},
		{ID: ItemOperator, Console: "Admin Console", Title: "Adobe ID operator on the product profile", Automated: true, Doc: docProvisioning},
		{ID: ItemProject, Console: "Developer Console", Title: "OAuth Server-to-Server project", Automated: true, Doc: docOAuth},
		{ID: ItemCredential, Console: "Developer Console", Title: "OAuth Server-to-Server credential (technical account)", Automated: true, Doc: docOAuth},
		{ID: ItemAttach, Console: "Developer Console", Title: "Adobe Analytics API with the product profile on the credential", Automated: true, Doc: docOAuth},
		{ID: ItemToken, Console: "IMS", Title: "The credential mints a token", Automated: true, Doc: docOAuth},
		{ID: ItemDiscovery, Console: "Analytics", Title: "The connector's token sees the Analytics company", Automated: true, Doc: docV8Connector},
		{ID: ItemComponents, Console: "Analytics", Title: "Report suites, cid/bid eVars and the 10 events visible to the connector", Automated: true, Doc: docV8Connector},
		{ID: ItemToolPermissions, Console: "Analytics", Title: "Report Suite Tools and Analytics Tools permissions", Automated: true, Doc: docProvisioning},
		{ID: ItemClassification, Console: "Analytics", Title: "Classification set on the cid eVar (Analytics 2.0)", Automated: true, Doc: docAA2Migration},
		{ID: ItemCollection, Console: "Analytics", Title: "Processing rule (or landing-page code) filling the cid and bid eVars", Status: Manual, Doc: docV8Connector,
			Detail: fmt.Sprintf("copy the cid and bid query parameters into eVar%d and eVar%d", s.CampaignIDEVar, s.BroadlogIDEVar)},
		{ID: ItemServerCommand, Console: "Campaign server", Title: "nlserver config -setimsoauth on every container, then reload and restart", Doc: docOAuth},
		{ID: ItemFeatureFlag, Console: "Campaign client console", Title: "Option FEATUREFLAG_USE_ANALYTICS_20_API = 1", Doc: docAA2Migration},
		{ID: ItemExternalAccount, Console: "Campaign client console", Title: "Web Analytics external account: Configure, pick the values, Submit", Status: Manual, Doc: docV8Connector},
		{ID: ItemCustomerCare, Console: "Adobe Customer Care", Title: "Ask Adobe to register the technical account on the instance", Doc: docOAuth},
	}
	for i := range items {
		it := &items[i]
		if it.Status == "" {
			it.Status = Pending
		}
		switch it.ID {
		case ItemOperator:
			if s.Operator == "" {
				it.Status, it.Detail = NotApplicable, "no operator given (a new connector can use Campaign's technical user)"
			}
		case ItemServerCommand, ItemFeatureFlag:
			if self {
				it.Status = Manual
			} else {
				it.Status, it.Detail = NotApplicable, "Adobe runs the server steps of "+string(s.Deployment)+" instances"
			}
		case ItemCustomerCare:
			if self {
				it.Status = NotApplicable
			} else {
				it.Status = Manual
			}
		case ItemProfile:
			it.Detail = "no API creates a product profile or sets Analytics permissions: the SDK renders the steps, waits for the profile and verifies its effect"
		}
	}
	return items
}

// externalAccount returns the values to pick in Campaign's external account.
func externalAccount(s ConnectorSpec, companyName, gcid string, names map[string]string) *ExternalAccount {
	ea := &ExternalAccount{Type: "Web Analytics", Integration: "Adobe Analytics", Email: s.NotificationEmail,
		IMSOrg: s.OrgID, AnalyticsCompany: companyName, ReportSuite: s.ReportSuites[0]}
	if companyName == "" {
		ea.AnalyticsCompany = gcid
	}
	label := func(id, fallback string) string {
		if n := names[id]; n != "" {
			return n
		}
		return fallback
	}
	for _, e := range []struct {
		field string
		n     int
	}{{"Campaign ID", s.CampaignIDEVar}, {"Broadlog ID", s.BroadlogIDEVar}} {
		id := fmt.Sprintf("evar%d", e.n)
		ea.EVars = append(ea.EVars, Selection{Field: e.field, ID: id, Value: fmt.Sprintf("%s (eVar %d)", label(id, e.field), e.n)})
	}
	for _, name := range ConnectorEvents {
		n, ok := s.Events[name]
		if !ok {
			ea.Events = append(ea.Events, Selection{Field: name, Value: "the event that counts " + strings.ToLower(name)})
			continue
		}
		id := fmt.Sprintf("event%d", n)
		ea.Events = append(ea.Events, Selection{Field: name, ID: id, Value: fmt.Sprintf("%s (Event %d)", label(id, name), n)})
	}
	return ea
}

// campaignOptions are the options Campaign 7.4.4+ needs for Analytics 2.0.
func campaignOptions() []CampaignOption {
	return []CampaignOption{{Name: "FEATUREFLAG_USE_ANALYTICS_20_API", Value: "1",
		Why: "switches the connector to the Analytics 2.0 API (required on 7.4.4 build 9400 and later, whatever the use case)"}}
}

// customerCare renders the request for Adobe-run instances.
func customerCare(s ConnectorSpec, r *ConnectorResult) *CustomerCareRequest {
	var b strings.Builder
	fmt.Fprintf(&b, "Please set up the Adobe Analytics connector on our Adobe Campaign %s instance", s.Deployment)
	if s.Instance != "" {
		fmt.Fprintf(&b, " %q", s.Instance)
	}
	b.WriteString(".\n\n")
	fmt.Fprintf(&b, "IMS organization: %s\n", s.OrgID)
	fmt.Fprintf(&b, "Product profile (Adobe Analytics, used only by the connector): %s\n", s.ProfileName())
	fmt.Fprintf(&b, "Report suites: %s\n", strings.Join(s.ReportSuites, ", "))
	fmt.Fprintf(&b, "eVars: campaign id (cid) eVar%d, broadlog id (bid) eVar%d\n", s.CampaignIDEVar, s.BroadlogIDEVar)
	if len(s.Events) > 0 {
		var ev []string
		for _, name := range ConnectorEvents {
			if n, ok := s.Events[name]; ok {
				ev = append(ev, fmt.Sprintf("%s=event%d", name, n))
			}
		}
		fmt.Fprintf(&b, "Events: %s\n", strings.Join(ev, ", "))
	}
	if t := r.TechnicalAccount; t.ClientID != "" {
		fmt.Fprintf(&b, "OAuth Server-to-Server credential: client id %s, technical account %s (the secret will be shared through Adobe's secure channel, never in this ticket)\n", t.ClientID, t.TechnicalAccountID)
	}
	b.WriteString("\nWe ask Adobe to: (1) register this OAuth Server-to-Server technical account on the instance (nlserver config -setimsoauth on every container) or confirm the one Adobe already configured; (2) make sure the technical account's credential carries the Adobe Analytics API with the product profile above; (3) set FEATUREFLAG_USE_ANALYTICS_20_API to 1 for Analytics 2.0.\n")
	return &CustomerCareRequest{Subject: "Adobe Analytics connector provisioning for " + s.OrgID, Body: b.String()}
}
