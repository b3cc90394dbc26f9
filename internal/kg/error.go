package kg

import (
	"errors"
	"fmt"
	"strings"
)

// Code classifies an error for the edges of the program: the HTTP status,
// the GraphQL extensions.code and the exit status are derived from it in
// exactly one place each.
type Code string

// The error codes.
const (
	CodeInvalid     Code = "BAD_USER_INPUT"  // the caller's input is wrong
	CodeNotFound    Code = "NOT_FOUND"       // no such node, document or name
	CodeTooLarge    Code = "TOO_LARGE"       // a limit was hit; narrow the request
	CodeUnsupported Code = "UNSUPPORTED"     // a document or format we cannot read
	CodeReadOnly    Code = "READ_ONLY"       // a write on a read-only server or folder
	CodeTimeout     Code = "TIMEOUT"         // the request took too long
	CodeUnavailable Code = "UNAVAILABLE"     // a dependency (renderer, disk) is missing or full
	CodeIncompat    Code = "INCOMPATIBLE"    // a store written by another format version
	CodeInternal    Code = "INTERNAL_SERVER" // a bug or an unexpected failure
)

// Error is crimegraph's error: a code, a message safe to show a user, and
// the underlying cause, which is logged but never shown to a client.
type Error struct {
	Code    Code
	Message string
	Err     error
}

func (e *Error) Error() string {
	switch {
	case e.Err == nil:
		return e.Message
	case e.Message == "":
		return e.Err.Error()
	case strings.Contains(e.Message, e.Err.Error()): // Errorf with %w
		return e.Message
	}
	// An Error whose message already says its cause's message ("a.pdf:
	// store write failed" around "store write failed: <cause>") says it
	// once, then the cause's cause.
	if in, ok := e.Err.(*Error); ok && in.Message != "" && strings.Contains(e.Message, in.Message) {
		return (&Error{Message: e.Message, Err: in.Err}).Error()
	}
	return e.Message + ": " + e.Err.Error()
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with a formatted message. A %w verb wraps the
// cause as usual.
func Errorf(code Code, format string, args ...any) error {
	err := fmt.Errorf(format, args...)
	return &Error{Code: code, Message: err.Error(), Err: errors.Unwrap(err)}
}

// Wrap attaches a code and a user-facing message to a cause.
func Wrap(code Code, err error, msg string) error {
	if err == nil {
		return nil
	}
	return &Error{Code: code, Message: msg, Err: err}
}

// ErrorCode returns the code of the first *Error in err's chain, or
// CodeInternal when there is none.
func ErrorCode(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return CodeInternal
}

// ErrorMessage returns the user-facing message of err: the message of the
// first *Error in its chain, or a generic text for internal errors, so that
// internal details never reach a client.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Code != CodeInternal {
		if e.Message != "" {
			return e.Message
		}
		return string(e.Code)
	}
	return "internal error"
}

// NotFound is a shorthand for the most common error.
func NotFound(what string, args ...any) error {
	return Errorf(CodeNotFound, what, args...)
}
