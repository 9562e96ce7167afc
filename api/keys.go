package api

import (
	"context"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/clm-engine/clm/store"
)

// KeyPrefix starts every API key, so that secret scanners can find leaked ones.
const KeyPrefix = "clm_"

var keyNameRe = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9@._-]{0,63}$`)

// CreateKey makes a key with role and name (default: role-<id>), stores only
// its SHA-256 and returns the secret, which is shown once. rnd supplies the
// randomness (crypto/rand.Reader in production). Returns an error wrapping
// store.ErrConflict when the name is in use.
func CreateKey(ctx context.Context, st store.Store, ch store.Change, rnd io.Reader, role, name string) (string, *store.Key, error) {
	if !store.ValidRole(role) {
		return "", nil, fmt.Errorf("api: role %q: want paralegal, counsel, integration or admin", role)
	}
	b := make([]byte, 4+32)
	if _, err := io.ReadFull(rnd, b); err != nil {
		return "", nil, fmt.Errorf("api: create key: %w", err)
	}
	id := "k_" + hex.EncodeToString(b[:4])
	if name == "" {
		name = role + "-" + id[2:]
	}
	if !keyNameRe.MatchString(name) {
		return "", nil, fmt.Errorf("api: key name %q: use letters, digits and @._- (at most 64)", name)
	}
	secret := KeyPrefix + hex.EncodeToString(b[4:])
	k := &store.Key{ID: id, Name: name, Role: role, Hash: hashKey(secret), Created: ch.At.UTC()}
	if err := st.CreateKey(ctx, ch, k); err != nil {
		return "", nil, err
	}
	return secret, k, nil
}

func (s *Server) listKeys(c echo.Context) error {
	keys, err := s.st.Keys(c.Request().Context())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"keys": keys})
}

// newKey is the body of POST /v1/keys: the key once, with its record.
type newKey struct {
	Secret string `json:"key"`
	*store.Key
}

func (s *Server) createKey(c echo.Context) error {
	var body struct {
		Role string `json:"role"`
		Name string `json:"name"`
	}
	if err := decodeJSON(c, &body); err != nil {
		return err
	}
	if !store.ValidRole(body.Role) {
		return errBadRequest("role %q: want paralegal, counsel, integration or admin", body.Role)
	}
	if body.Name != "" && !keyNameRe.MatchString(body.Name) {
		return errBadRequest("key name %q: use letters, digits and @._- (at most 64)", body.Name)
	}
	secret, k, err := CreateKey(c.Request().Context(), s.st, s.change(c), s.o.Rand, body.Role, body.Name)
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/v1/keys/"+k.ID)
	return c.JSON(http.StatusCreated, newKey{Secret: secret, Key: k})
}

func (s *Server) revokeKey(c echo.Context) error {
	k, err := s.st.RevokeKey(c.Request().Context(), s.change(c), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, k)
}

func (s *Server) audit(c echo.Context) error {
	limit, err := intParam(c, "limit", 1, 1000)
	if err != nil {
		return err
	}
	var before int64
	if v := c.QueryParam("before"); v != "" {
		if before, err = strconv.ParseInt(v, 10, 64); err != nil || before <= 0 {
			return errBadRequest("before must be a positive sequence number, not %q", v)
		}
	}
	entries, err := s.st.Audit(c.Request().Context(), store.AuditFilter{Limit: limit, Before: before})
	if err != nil {
		return err
	}
	out := map[string]any{"entries": entries}
	if n := len(entries); n > 0 && entries[n-1].Seq > 1 {
		out["next_before"] = strconv.FormatInt(entries[n-1].Seq, 10)
	}
	return c.JSON(http.StatusOK, out)
}
