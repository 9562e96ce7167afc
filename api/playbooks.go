package api

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"regexp"
	"strconv"

	"github.com/labstack/echo/v4"
	"go.yaml.in/yaml/v3"

	"github.com/clm-engine/clm/playbook"
	"github.com/clm-engine/clm/store"
)

// yamlTypes are the media types a playbook body may come as.
var yamlTypes = map[string]bool{
	"application/yaml": true, "application/x-yaml": true, "text/yaml": true, "text/x-yaml": true, "text/plain": true,
}

var playbookNameRe = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$`)

// readYAML reads a playbook body sent as YAML.
func readYAML(c echo.Context) ([]byte, error) {
	mt, _, _ := mime.ParseMediaType(c.Request().Header.Get(echo.HeaderContentType))
	if !yamlTypes[mt] {
		return nil, errUnsupportedType("send the playbook YAML as the body with Content-Type: application/yaml")
	}
	data, err := io.ReadAll(c.Request().Body)
	if err != nil {
		return nil, bodyError(err, "body")
	}
	return data, nil
}

// checkPlaybook loads data as the playbook named name (the file name errors
// carry is name + ".yaml") with the checker of `clm playbook check`. When want
// is not empty, the YAML's playbook: name must equal it.
func checkPlaybook(name string, data []byte, want string) (*playbook.Playbook, playbook.ErrorList) {
	file := name + ".yaml"
	pb, err := playbook.Load(file, data, nil)
	if err != nil {
		var list playbook.ErrorList
		if errors.As(err, &list) {
			return nil, list
		}
		return nil, playbook.ErrorList{{File: file, Line: 1, Column: 1, Code: playbook.CodeInternal, Message: err.Error()}}
	}
	if want != "" && pb.Name != want {
		line, col := nameValuePos(data)
		return nil, playbook.ErrorList{{File: file, Line: line, Column: col, Code: "name_mismatch",
			Message: fmt.Sprintf("the playbook is named %q but is stored as %q: they must be equal", pb.Name, want)}}
	}
	return pb, nil
}

// nameValuePos finds the position of the playbook: value in data.
func nameValuePos(data []byte) (line, col int) {
	var root yaml.Node
	if yaml.Unmarshal(data, &root) == nil && len(root.Content) > 0 && root.Content[0].Kind == yaml.MappingNode {
		m := root.Content[0]
		for i := 0; i+1 < len(m.Content); i += 2 {
			if m.Content[i].Value == "playbook" {
				return m.Content[i+1].Line, m.Content[i+1].Column
			}
		}
	}
	return 1, 1
}

func (s *Server) listPlaybooks(c echo.Context) error {
	list, err := s.st.Playbooks(c.Request().Context())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"playbooks": list})
}

// playbookJSON is a playbook version with its YAML, for clients that ask for
// JSON.
type playbookJSON struct {
	*store.PlaybookVersion
	YAML string `json:"yaml"`
}

func (s *Server) getPlaybook(c echo.Context) error {
	v, err := s.st.Playbook(c.Request().Context(), c.Param("name"), c.QueryParam("revision"))
	if err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set("ETag", strconv.Quote(v.Revision))
	h.Set("X-CLM-Playbook-Version", strconv.Itoa(v.Version))
	if accepts(c, echo.MIMEApplicationJSON) {
		return c.JSON(http.StatusOK, playbookJSON{PlaybookVersion: v, YAML: string(v.YAML)})
	}
	return c.Blob(http.StatusOK, "application/yaml; charset=utf-8", v.YAML)
}

func (s *Server) putPlaybook(c echo.Context) error {
	name := c.Param("name")
	if !playbookNameRe.MatchString(name) {
		return errBadRequest("playbook name %q: use letters, digits, dot, dash and underscore (at most 128)", name)
	}
	data, err := readYAML(c)
	if err != nil {
		return err
	}
	pb, errs := checkPlaybook(name, data, name)
	if errs != nil {
		return errs
	}
	v, created, err := s.st.PutPlaybook(c.Request().Context(), s.change(c),
		&store.PlaybookVersion{Name: name, Revision: pb.Revision, Label: pb.Version, YAML: data})
	if err != nil {
		return err
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
		c.Response().Header().Set(echo.HeaderLocation, "/v1/playbooks/"+name)
	}
	return c.JSON(status, v)
}

func (s *Server) validatePlaybook(c echo.Context) error {
	data, err := readYAML(c)
	if err != nil {
		return err
	}
	name := c.QueryParam("name")
	file := name
	if file == "" {
		file = "playbook"
	}
	_, errs := checkPlaybook(file, data, name)
	if errs == nil {
		errs = playbook.ErrorList{}
	}
	return c.JSON(http.StatusOK, map[string]any{"valid": len(errs) == 0, "errors": errs})
}

func (s *Server) deletePlaybook(c echo.Context) error {
	if err := s.st.DeletePlaybook(c.Request().Context(), s.change(c), c.Param("name")); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func (s *Server) playbookVersions(c echo.Context) error {
	vs, err := s.st.PlaybookVersions(c.Request().Context(), c.Param("name"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"versions": vs})
}
