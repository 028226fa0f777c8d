package core

// Version is the version of the go-adobe SDK, sent in the User-Agent header.
const Version = "0.1.0"
