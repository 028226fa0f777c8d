// Package fakeconsole is the Developer Console part of the adobetest fake:
// the /console API of developers.adobe.io (and api.adobe.io) as Adobe's
// Console spec (aio-lib-console spec/api.json) and Adobe's observed
// behaviour describe it: organizations, developer terms, services with their
// product profiles (licenseConfigs), projects, workspaces, OAuth
// Server-to-Server credentials, service subscriptions, client secrets,
// workspace download and migration status.
//
// Credentials it creates are stored in the shared fakestate store, so the
// fake IMS mints tokens for them with their own scopes, and the product
// profiles it attaches are the shared store's profiles.
//
// Where Adobe's spec and its observed behaviour differ, this fake follows
// the observed behaviour: credential rows carry integration_type; project
// rows carry enabled/deleted as 0/1; the download nests workspace under
// project; adding a secret answers 201 with its uuid and deleting one 204;
// the workspace subscription call answers an object {sdkList: [...]};
// organizations carry the live API's roles array beside the spec's role
// (reference devconsole.md O1); the download's details always carry runtime
// (an object; namespaces empty without I/O Runtime). Events and mesh are
// absent: the fake has no event registrations or API Mesh.
//
// It imports no SDK package.
package fakeconsole
