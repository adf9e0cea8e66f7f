/** The operator's side of partners: a new partner with its first API client, the secret shown once. */
package io.provisio.identity.partner.application;
