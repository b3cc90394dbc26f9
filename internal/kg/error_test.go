package kg

import (
	"errors"
	"fmt"
	"testing"
)

func TestErrorSaysEachMessageOnce(t *testing.T) {
	cause := errors.New("badger: write failed")
	inner := Wrap(CodeUnavailable, cause, "store write failed; the store is unchanged")
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"wrapped", inner, "store write failed; the store is unchanged: badger: write failed"},
		{"prefixed with the file's name", &Error{Code: CodeUnavailable, Message: "a.pdf: " + ErrorMessage(inner), Err: inner},
			"a.pdf: store write failed; the store is unchanged: badger: write failed"},
		{"prefixed twice", &Error{Message: "batch: a.pdf: " + ErrorMessage(inner), Err: &Error{Message: "a.pdf: " + ErrorMessage(inner), Err: inner}},
			"batch: a.pdf: store write failed; the store is unchanged: badger: write failed"},
		{"another message", Wrap(CodeInvalid, inner, "cannot ingest"),
			"cannot ingest: store write failed; the store is unchanged: badger: write failed"},
		{"Errorf with %w", Errorf(CodeInvalid, "reading: %w", cause), "reading: badger: write failed"},
		{"message only", &Error{Message: "a.pdf: x", Err: &Error{Message: "x"}}, "a.pdf: x"},
		{"fmt around", fmt.Errorf("ctx: %w", inner), "ctx: store write failed; the store is unchanged: badger: write failed"},
	}
	for _, tc := range tests {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, got, tc.want)
		}
	}
}
