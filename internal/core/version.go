package core

import "github.com/go-adobe/adobe"

// Version is the version of the go-adobe SDK, sent in the User-Agent header.
const Version = adobe.Version
