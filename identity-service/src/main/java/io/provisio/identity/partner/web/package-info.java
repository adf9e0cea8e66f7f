/** The operator API for partners ({@code operator} scope). */
package io.provisio.identity.partner.web;
