"""Timeline rules on timelines written as real teams write them: each false-positive class
seen on published postmortems, reproduced with a snippet of our own."""

from __future__ import annotations

from tests.conftest import codes, lint_text

# -- PM303 out of order: only real disorder ------------------------------------------------


def test_next_day_entries_under_a_date_heading_are_in_order():
    assert lint_text("""\
        ## Timeline (UTC)

        ### 2024-03-02
        - 22:10 queue backs up
        - 23:55 consumers restarted

        ### 2024-03-03
        - 00:20 queue drained
        """, select=["PM303"]) == []


def test_day_first_numeric_dates_are_not_out_of_order():
    assert lint_text("""\
        ## Timeline (UTC)

        - 30/03/2024 22:00 - backup job starts
        - 31/03/2024 01:10 - disk full alert
        - 01/04/2024 09:00 - old backups removed
        """, select=["PM303"]) == []


def test_time_before_date_is_read_with_its_date():
    assert lint_text("""\
        ## Timeline (UTC)

        - 23:10 5th Nov 2023 — certificate expires
        - 08:05 6th Nov 2023 — renewed certificate deployed
        """, select=["PM303"]) == []


def test_an_afternoon_group_heading_keeps_its_times_in_order():
    assert lint_text("""\
        ## Timeline

        ### 10:00-11:50 AM: Diagnosis
        - 10:02: a validator reports the fork
        - 11:45: the cause is found

        ### 5:30-10:57 PM: Discussion
        - 9:35: shadow forks are discussed
        - 10:44: the retrospective ends
        """, select=["PM303"]) == []


def test_one_misplaced_entry_is_one_finding_not_one_per_later_entry():
    findings = lint_text("""\
        ## Timeline (UTC)

        - 2024-05-05 20:06 — incident reported
        - 2024-05-06 12:00 — access logs handed over
        - 2024-05-05 23:18 — legacy teams revoked
        - 2024-05-06 00:16 — investigation widened
        - 2024-05-06 10:48 — remaining access removed
        """, select=["PM303"])
    assert codes(findings) == ["PM303"]
    assert findings[0].span.line == 4
    assert "later than the entry after it" in findings[0].message


def test_a_wrong_year_in_one_row_is_reported_at_that_row():
    findings = lint_text("""\
        ## Timeline (UTC)

        - 2024-02-02 1906: builds cut
        - 2024-02-20 1930: builds deployed
        - 2024-02-02 2021: providers told to upgrade
        - 2024-02-02 2150: first provider upgraded
        """, select=["PM303"])
    assert [f.span.line for f in findings] == [4]


# -- PM302 zone not UTC: once per zone; a UTC rendering wins ---------------------------------


def test_a_time_also_given_in_utc_is_utc():
    assert lint_text("""\
        ## Timeline

        - 13:14 EDT (17:14 UTC): failover starts
        - 13:40 EDT (17:40 UTC): failover done
        """, select=["PM301", "PM302"]) == []


def test_entries_that_each_write_the_same_local_zone_are_one_finding():
    findings = lint_text("""\
        ## Timeline

        All times in PST

        - 2:54 PM PST: config change merged
        - 3:28 PM PST: bad config uploaded
        - 4:49 AM: first report of missed events
        """, select=["PM302"])
    assert codes(findings) == ["PM302"]


def test_a_range_of_times_is_not_reported_as_a_zone():
    assert lint_text("""\
        ## Timeline (UTC)

        - 10:01-10:02: teams agree not to deploy
        - 10:07: call starts
        """, select=["PM302"]) == []


# -- PM301 zone missing: once for a timeline without zones -----------------------------------


def test_a_timeline_without_any_zone_is_one_finding_even_with_ranges():
    findings = lint_text("""\
        ## Timeline

        - 09:44: issue reported
        - 10:01-10:02: teams agree not to deploy
        - 10:07: call starts
        """, select=["PM301"])
    assert codes(findings) == ["PM301"]
    assert "None of the 3" in findings[0].message


def test_a_zone_written_after_the_time_and_date_is_read():
    assert lint_text("""\
        ## Timeline

        - 23 April 2024, 1AM SAST: alerts fire
        - 23 April 2024, 2AM SAST: database restarted
        """, select=["PM301"]) == []


# -- PM304 phase missing: phases from words, columns and fixes -------------------------------


def test_phases_in_everyday_words_count():
    assert lint_text("""\
        ## Timeline (UTC)

        - 08:33 Deployment of the new gem set starts; the site goes down
        - 08:36 On-call notices the site is down
        - 08:58 Apache restarted with the pinned gem
        - 09:02 Services restored
        """, select=["PM304"]) == []


def test_a_deployed_fix_is_mitigation_and_resolution_not_onset():
    findings = lint_text("""\
        ## Timeline (UTC)

        - 21:17 A release with a broken index format is published
        - 21:28 A user reports the issue
        - 22:48 Fix deployed on production
        """, select=["PM304"])
    assert findings == []


def test_a_change_deployed_after_detection_is_the_response():
    findings = lint_text("""\
        ## Timeline (UTC)

        - 12:17 Staging build promoted to production
        - 12:28 A user notified the team about broken downloads
        - 14:10 New staging build promoted to production
        """, select=["PM304"])
    assert findings == []


def test_an_entry_can_mark_several_phases():
    findings = lint_text("""\
        ## Timeline (UTC)

        - 11:11 Change set deployed to production
        - 11:49 A user reports that reviews are no longer opened
        - 13:11 After restarting the cache daemon everything went back to normal
        """, select=["PM304"])
    assert findings == []


def test_a_phase_column_with_its_own_labels_is_read():
    assert lint_text("""\
        ## Timeline

        | Time (UTC) | Phase | What happened |
        |---|---|---|
        | 10:02 | Trigger | Bad route pushed |
        | 10:09 | Identify | Latency dashboards flag the region |
        | 10:20 | Remediate | Route withdrawn |
        | 10:31 | Resolve | Latency at baseline |
        """, select=["PM304"]) == []


def test_missing_phases_are_one_finding_listing_them():
    findings = lint_text("""\
        ## Timeline (UTC)

        - 16:30 Monitoring e-mails about the outage arrive
        - 16:32 Logs checked
        - 16:35 Nothing else happened
        """, select=["PM304"])
    assert codes(findings) == ["PM304"]
    assert "onset, mitigation or resolution" in findings[0].message


def test_a_story_with_a_single_time_is_not_judged_for_phases():
    assert lint_text("""\
        ## Establishing the timeline

        On 23 April 2024, 1AM UTC, our alerts fired and the team began investigating.
        """, select=["PM304"]) == []


def test_a_rolled_back_deploy_is_mitigation_not_onset():
    findings = lint_text("""\
        ## Timeline (UTC)

        - 10:05 Support reports failed logins
        - 10:30 Rolled back the deploy
        - 10:41 Error rate back to normal
        """, select=["PM304"])
    assert codes(findings) == ["PM304"]
    assert "no onset entry" in findings[0].message


def test_a_day_heading_with_its_weekday_gives_the_entries_below_their_day():
    assert lint_text("""\
        ## Timeline (UTC)

        ### Friday, June 7th, 2024

        - 09:40: replication lag alert on the reporting replica
        - 12:15: replica rebuild started; the on-call hands over for the night

        ### Saturday, June 8th, 2024

        - 08:30: lag back under a second
        """, select=["PM303"]) == []
    assert lint_text("""\
        ## Timeline (UTC)

        *Tue 3 Sep 2024*

        - 10:05 — first timeouts on the search API
        - 13:50 — index shards moved to new nodes

        *Wed 4 Sep 2024*

        - 09:10 — latency normal again
        """, select=["PM303"]) == []


def test_entries_out_of_order_within_a_weekday_heading_are_still_reported():
    findings = lint_text("""\
        ## Timeline (UTC)

        ### Monday, March 4th, 2024

        - 14:46 — account disabled
        - 14:44 — admins discuss options
        """, select=["PM303"])
    assert codes(findings) == ["PM303"]


def test_an_approximate_time_keeps_its_date():
    assert lint_text("""\
        ## Timeline (UTC)

        | When | Event |
        |---|---|
        | 2025-09-01 09:40 | weekly compaction starts on the primary |
        | 2025-09-02 ~08:10 | disk usage alert pages the on-call |
        | 2025-09-02 approx. 09:00 | compaction paused; usage falls |
        """, select=["PM303"]) == []
