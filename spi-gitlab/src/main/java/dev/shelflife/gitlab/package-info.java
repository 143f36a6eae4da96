/**
 * The GitLab adapter: {@link dev.shelflife.gitlab.GitLabScannerAdapter} reads GitLab's container
 * scanning reports ({@code gl-container-scanning-report.json}, the layouts of GitLab 14 and 15,
 * whether GitLab's analyzer or Trivy's {@code contrib/gitlab.tpl} wrote them) into the ShelfLife
 * model. Everything else here is package-private: the streaming reader, the DTOs and the mapper.
 *
 * @since 0.2
 */
package dev.shelflife.gitlab;
