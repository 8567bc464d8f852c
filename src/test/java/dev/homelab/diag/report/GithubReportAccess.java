package dev.homelab.diag.report;

/** The escaping of GitHub workflow commands, for tests outside the package. */
public final class GithubReportAccess {

  private GithubReportAccess() {}

  public static String property(String s) {
    return GithubReport.property(s);
  }

  public static String data(String s) {
    return GithubReport.data(s);
  }
}
