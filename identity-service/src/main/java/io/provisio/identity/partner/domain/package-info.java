/** Partners and the API clients they authenticate with; no Spring or MongoDB types here. */
package io.provisio.identity.partner.domain;
