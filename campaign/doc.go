// Package campaign provisions, plans and explains the Adobe Analytics
// connector for Adobe Campaign Classic, end to end, on top of the SDK's API
// packages: the top layer, and the only package that imports several of
// them.
//
// [ProvisionConnector] performs, in order, Adobe's documented procedure
// (Campaign Classic "Adobe Analytics connector provisioning" and "OAuth
// technical account" pages): the Admin Console product profile
// "reserved_campaign_classic_<Company>" (found, awaited or rendered as the
// manual steps no API can take), the Developer Console project and OAuth
// Server-to-Server credential with the Adobe Analytics API and that profile,
// a token as the connector, and Analytics as the connector itself sees it
// (company, report suites, the cid and bid eVars, the ten events, the tool
// permissions, the classification set). It returns a [ConnectorResult] with
// the per-container nlserver -setimsoauth commands (the client secret masked
// unless revealed), the Campaign option, the values to pick in Campaign's
// external account and the checklist of every step, as Markdown or JSON.
//
//	spec, err := campaign.LoadSpec("connector.json")
//	cfg, err := auth.LoadConfigFromEnv() // the org's OAuth Server-to-Server credential
//	res, err := campaign.ProvisionConnector(ctx, cfg, spec, campaign.WithProgress(func(e campaign.Event) { log.Print(e) }))
//	var manual *adminconsole.ManualStepRequired
//	if errors.As(err, &manual) {
//		fmt.Println(manual.Markdown()) // create the profile in the Admin Console, then run again
//	}
//
// Every step converges: a second run on a provisioned org makes no write,
// and a run interrupted anywhere (a killed process, a cancelled context, a
// network fault) and run again finishes the job without a duplicate
// project, credential or profile membership. [PlanConnector] reads and
// reports what a run would change, writing nothing.
//
// Hosted, Managed Services and Campaign v8 instances have no self-service
// path: the run returns a [CustomerCareRequired] carrying the request to
// send to Adobe.
package campaign
