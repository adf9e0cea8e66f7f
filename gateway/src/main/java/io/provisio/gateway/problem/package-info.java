/** RFC 9457 problem+json for the errors the gateway itself answers (API.md, "Conventions"). */
package io.provisio.gateway.problem;
