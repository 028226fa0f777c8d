package devconsole

import (
	"bytes"
	"encoding/json"
	"strconv"
	"time"
)

// flexBool is a boolean that also decodes from the 0/1 integers and
// "true"/"1" strings the Console sends in project rows (Adobe's spec says
// boolean; observed rows carry enabled: 1, deleted: 0).
type flexBool bool

// UnmarshalJSON accepts true/false, 0/1 and their string forms.
func (b *flexBool) UnmarshalJSON(data []byte) error {
	switch string(bytes.Trim(bytes.TrimSpace(data), `"`)) {
	case "true", "1":
		*b = true
	case "false", "0", "", "null":
		*b = false
	default:
		var v bool
		if err := json.Unmarshal(data, &v); err != nil {
			return err
		}
		*b = flexBool(v)
	}
	return nil
}

// flexID is an identifier the Console sends either as a JSON number or as
// a string (role ids are integers in one subscription dialect and strings
// in the other).
type flexID string

// UnmarshalJSON accepts a string or a number.
func (id *flexID) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if string(data) == "null" {
		*id = ""
		return nil
	}
	if len(data) > 0 && data[0] == '"' {
		var s string
		if err := json.Unmarshal(data, &s); err != nil {
			return err
		}
		*id = flexID(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(data, &n); err != nil {
		return err
	}
	*id = flexID(n.String())
	return nil
}

// Timestamp is a Console secret timestamp: a string of epoch milliseconds,
// or "PERMANENT" for a secret that never expires. It stays a public type
// because its two forms matter to a caller: Time gives the instant and
// Permanent names the secret that never expires; a time.Time could not say
// "never". It decodes from a string or a number.
type Timestamp string

// Permanent is the Timestamp of a secret that never expires.
const Permanent Timestamp = "PERMANENT"

// Time returns the instant, and false for "PERMANENT", an empty or an
// unparsable value.
func (t Timestamp) Time() (time.Time, bool) {
	n, err := strconv.ParseInt(string(t), 10, 64)
	if err != nil {
		return time.Time{}, false
	}
	return time.UnixMilli(n), true
}

// UnmarshalJSON accepts a string or a number of epoch milliseconds.
func (t *Timestamp) UnmarshalJSON(data []byte) error {
	var id flexID
	if err := id.UnmarshalJSON(data); err != nil {
		return err
	}
	*t = Timestamp(id)
	return nil
}

// decodeRoleID decodes a role id sent as a string or a number.
func decodeRoleID(raw json.RawMessage) (string, error) {
	if len(raw) == 0 {
		return "", nil
	}
	var id flexID
	err := id.UnmarshalJSON(raw)
	return string(id), err
}
