package ooxml

import (
	"strconv"
	"strings"

	"github.com/beevik/etree"
)

// wLocal returns the local name of el when it is in the WordprocessingML
// namespace (Transitional or Strict), and "" otherwise.
func wLocal(el *etree.Element) string {
	switch el.NamespaceURI() {
	case nsW, nsWStrict:
		return el.Tag
	}
	return ""
}

// isW reports whether el is the WordprocessingML element local.
func isW(el *etree.Element, local string) bool {
	return el.Tag == local && wLocal(el) != ""
}

// isMC reports whether el is the markup-compatibility element local.
func isMC(el *etree.Element, local string) bool {
	return el.Tag == local && el.NamespaceURI() == nsMC
}

// wChild returns the first child of el that is the w element local.
func wChild(el *etree.Element, local string) *etree.Element {
	if el == nil {
		return nil
	}
	for _, t := range el.Child {
		if c, ok := t.(*etree.Element); ok && c.Tag == local && wLocal(c) != "" {
			return c
		}
	}
	return nil
}

// wAttr returns the value of the w-namespaced attribute key of el. An
// attribute with the element's own prefix is taken without resolving it; an
// unprefixed attribute is accepted when no namespaced one exists.
func wAttr(el *etree.Element, key string) (string, bool) {
	if el == nil {
		return "", false
	}
	plain, hasPlain := "", false
	for i := range el.Attr {
		a := &el.Attr[i]
		if a.Key != key {
			continue
		}
		switch {
		case a.Space == "":
			plain, hasPlain = a.Value, true
		case a.Space == el.Space && el.Space != "":
			return a.Value, true
		default:
			if ns := a.NamespaceURI(); ns == nsW || ns == nsWStrict {
				return a.Value, true
			}
		}
	}
	return plain, hasPlain
}

// wVal returns the w:val attribute of el.
func wVal(el *etree.Element) (string, bool) { return wAttr(el, "val") }

// wInt returns the w:val of el as an integer.
func wInt(el *etree.Element) (int, bool) {
	v, ok := wVal(el)
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil {
		return 0, false
	}
	return n, true
}

// onOff reads an ST_OnOff element: present without w:val means on.
func onOff(el *etree.Element) bool {
	v, ok := wVal(el)
	if !ok {
		return true
	}
	switch strings.TrimSpace(v) {
	case "0", "false", "off":
		return false
	}
	return true
}
