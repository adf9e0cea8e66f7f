/** RFC 9457 problem+json for every error a client can see (API.md, "Conventions"). */
package io.provisio.platform.web;
