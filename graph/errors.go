package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/crimegraph/crimegraph/internal/kg"
)

// The codes gqlgen itself puts on errors it raises before execution.
const (
	codeComplexity = "COMPLEXITY_LIMIT_EXCEEDED"
)

// Classify returns the code and the client-safe message of any error the
// API can produce. It is the one place where errors become codes: the
// error presenter puts its answer in extensions.code, and the server maps
// the code to an HTTP status.
//
//   - a kg.Error in the chain gives its code and message (an internal one
//     gives "internal error");
//   - a cancelled or expired context is TIMEOUT;
//   - gqlgen's parse and validation errors are BAD_USER_INPUT, except a
//     query beyond the parser's token limit, which is TOO_LARGE;
//   - the complexity and depth limits are TOO_LARGE;
//   - a gqlgen error raised while reading the request, before any field
//     ran (bad JSON, bad variables), is BAD_USER_INPUT;
//   - anything else is INTERNAL_SERVER, with its details only in the log.
func Classify(err error) (kg.Code, string) {
	var ke *kg.Error
	if errors.As(err, &ke) {
		return kg.ErrorCode(err), kg.ErrorMessage(err)
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return kg.CodeTimeout, "request timed out"
	}
	var ge *gqlerror.Error
	if errors.As(err, &ge) && ge.Err == nil {
		code, _ := ge.Extensions["code"].(string)
		switch {
		case code == errcode.ParseFailed && strings.Contains(ge.Message, "token limit"):
			return kg.CodeTooLarge, ge.Message
		case code == errcode.ParseFailed, code == errcode.ValidationFailed:
			return kg.CodeInvalid, ge.Message
		case code == codeComplexity, code == string(kg.CodeTooLarge):
			return kg.CodeTooLarge, ge.Message
		case code == "" && len(ge.Path) == 0:
			return kg.CodeInvalid, ge.Message
		}
	}
	return kg.CodeInternal, "internal error"
}

// ErrorPresenter returns gqlgen's error presenter: every error leaves with
// a code in extensions.code and a message safe to show; internal errors
// are logged with their cause and path.
func ErrorPresenter(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		code, msg := Classify(err)
		out := &gqlerror.Error{Message: msg, Extensions: map[string]any{"code": string(code)}}
		var ge *gqlerror.Error
		if errors.As(err, &ge) {
			out.Path, out.Locations = ge.Path, ge.Locations
			variableLocation(ctx, ge, out)
		}
		if out.Path == nil {
			out.Path = graphql.GetPath(ctx)
		}
		if code == kg.CodeInternal {
			log.ErrorContext(ctx, "graphql: internal error", "path", out.Path.String(), "err", err)
		}
		return out
	}
}

// RecoverFunc turns a panic in a resolver into an internal error, logged
// with its stack; the client sees "internal error" and nothing more.
func RecoverFunc(log *slog.Logger) graphql.RecoverFunc {
	return func(ctx context.Context, p any) error {
		log.ErrorContext(ctx, "graphql: panic", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
		return &kg.Error{Code: kg.CodeInternal, Message: "internal error", Err: fmt.Errorf("panic: %v", p)}
	}
}
