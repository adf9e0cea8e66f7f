/** Message contracts owned by identity: identity-service's commands and replies. No Spring here (ADR 001). */
package io.provisio.identity.contracts;
