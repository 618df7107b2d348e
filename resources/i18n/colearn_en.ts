<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
    <context>
        <name>Backups</name>
        <message numerus="yes">
            <source>%n contact(s)</source>
            <translation>
                <numerusform>%n contact</numerusform>
                <numerusform>%n contacts</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n conversation(s)</source>
            <translation>
                <numerusform>%n conversation</numerusform>
                <numerusform>%n conversations</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n favour(s)</source>
            <translation>
                <numerusform>%n favour</numerusform>
                <numerusform>%n favours</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n purchase(s)</source>
            <translation>
                <numerusform>%n purchase</numerusform>
                <numerusform>%n purchases</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>BriefView</name>
        <message numerus="yes">
            <source>%n conversation(s)</source>
            <translation>
                <numerusform>%n conversation</numerusform>
                <numerusform>%n conversations</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>BulkActions</name>
        <message numerus="yes">
            <source>Add a tag to %n contact(s)</source>
            <translation>
                <numerusform>Add a tag to %n contact</numerusform>
                <numerusform>Add a tag to %n contacts</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Tagged %n contact(s).</source>
            <translation>
                <numerusform>Tagged %n contact.</numerusform>
                <numerusform>Tagged %n contacts.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Remove a tag from %n contact(s)</source>
            <translation>
                <numerusform>Remove a tag from %n contact</numerusform>
                <numerusform>Remove a tag from %n contacts</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Took the tag off %n contact(s).</source>
            <translation>
                <numerusform>Took the tag off %n contact.</numerusform>
                <numerusform>Took the tag off %n contacts.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Set the stage of %n contact(s)</source>
            <translation>
                <numerusform>Set the stage of %n contact</numerusform>
                <numerusform>Set the stage of %n contacts</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Set the stage of %n contact(s).</source>
            <translation>
                <numerusform>Set the stage of %n contact.</numerusform>
                <numerusform>Set the stage of %n contacts.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Keep in touch with %n contact(s)</source>
            <translation>
                <numerusform>Keep in touch with %n contact</numerusform>
                <numerusform>Keep in touch with %n contacts</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Set keep in touch for %n contact(s).</source>
            <translation>
                <numerusform>Set keep in touch for %n contact.</numerusform>
                <numerusform>Set keep in touch for %n contacts.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Log one conversation with %n contact(s)</source>
            <translation>
                <numerusform>Log one conversation with %n contact</numerusform>
                <numerusform>Log one conversation with %n contacts</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Logged one conversation with %n contact(s).</source>
            <translation>
                <numerusform>Logged one conversation with %n contact.</numerusform>
                <numerusform>Logged one conversation with %n contacts.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Merging compares contacts field by field: select at most %n contacts, or use Contact ▸ Find duplicates.</source>
            <translation>
                <numerusform>Merging compares contacts field by field: select at most %n contacts, or use Contact ▸ Find duplicates.</numerusform>
                <numerusform>Merging compares contacts field by field: select at most %n contacts, or use Contact ▸ Find duplicates.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Archived %n contact(s). Ctrl+Z brings them back.</source>
            <translation>
                <numerusform>Archived %n contact. Ctrl+Z brings them back.</numerusform>
                <numerusform>Archived %n contacts. Ctrl+Z brings them back.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Delete %n contact(s) permanently?</source>
            <translation>
                <numerusform>Delete %n contact permanently?</numerusform>
                <numerusform>Delete %n contacts permanently?</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>The %n selected contact(s), their favours and purchases and the conversations nobody else took part in will be deleted. This cannot be undone (a backup is your only way back).</source>
            <translation>
                <numerusform>The %n selected contact, their favours and purchases and the conversations nobody else took part in will be deleted. This cannot be undone (a backup is your only way back).</numerusform>
                <numerusform>The %n selected contacts, their favours and purchases and the conversations nobody else took part in will be deleted. This cannot be undone (a backup is your only way back).</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Deleted %n contact(s) permanently.</source>
            <translation>
                <numerusform>Deleted %n contact permanently.</numerusform>
                <numerusform>Deleted %n contacts permanently.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Restored %n contact(s).</source>
            <translation>
                <numerusform>Restored %n contact.</numerusform>
                <numerusform>Restored %n contacts.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ContactPage</name>
        <message numerus="yes">
            <source>every %n day(s)</source>
            <translation>
                <numerusform>every %n day</numerusform>
                <numerusform>every %n days</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ContactsPage</name>
        <message numerus="yes">
            <source>%n contact(s)</source>
            <translation>
                <numerusform>%n contact</numerusform>
                <numerusform>%n contacts</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>DueText</name>
        <message numerus="yes">
            <source>%n day(s) after buying %1</source>
            <translation>
                <numerusform>%n day after buying %1</numerusform>
                <numerusform>%n days after buying %1</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n day(s) ago</source>
            <translation>
                <numerusform>%n day ago</numerusform>
                <numerusform>%n days ago</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n day(s) overdue</source>
            <translation>
                <numerusform>%n day overdue</numerusform>
                <numerusform>%n days overdue</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n due today</source>
            <translation>
                <numerusform>%n due today</numerusform>
                <numerusform>%n due today</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n overdue</source>
            <translation>
                <numerusform>%n overdue</numerusform>
                <numerusform>%n overdue</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>(with %n other(s))</source>
            <translation>
                <numerusform>(with %n other)</numerusform>
                <numerusform>(with %n others)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>every %n day(s)</source>
            <translation>
                <numerusform>every %n day</numerusform>
                <numerusform>every %n days</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>every %n month(s)</source>
            <translation>
                <numerusform>every %n month</numerusform>
                <numerusform>every %n months</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>every %n week(s)</source>
            <translation>
                <numerusform>every %n week</numerusform>
                <numerusform>every %n weeks</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>every %n year(s)</source>
            <translation>
                <numerusform>every %n year</numerusform>
                <numerusform>every %n years</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>in %n day(s)</source>
            <translation>
                <numerusform>in %n day</numerusform>
                <numerusform>in %n days</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>turns %n on %1</source>
            <translation>
                <numerusform>turns %n on %1</numerusform>
                <numerusform>turns %n on %1</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>DuplicatesDialog</name>
        <message numerus="yes">
            <source>%n group(s) of contacts that are probably one person, surest first.</source>
            <translation>
                <numerusform>%n group of contacts that are probably one person, surest first.</numerusform>
                <numerusform>%n groups of contacts that are probably one person, surest first.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ExportDialog</name>
        <message numerus="yes">
            <source>The %n se&amp;lected contact(s)</source>
            <translation>
                <numerusform>The %n se&amp;lected contact</numerusform>
                <numerusform>The %n se&amp;lected contacts</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Wrote %Ln contact(s) to %1.</source>
            <translation>
                <numerusform>Wrote %Ln contact to %1.</numerusform>
                <numerusform>Wrote %Ln contacts to %1.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Format</name>
        <message numerus="yes">
            <source>%n day(s) ago</source>
            <translation>
                <numerusform>%n day ago</numerusform>
                <numerusform>%n days ago</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n day(s) overdue</source>
            <translation>
                <numerusform>%n day overdue</numerusform>
                <numerusform>%n days overdue</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n month(s) ago</source>
            <translation>
                <numerusform>%n month ago</numerusform>
                <numerusform>%n months ago</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n year(s) ago</source>
            <translation>
                <numerusform>%n year ago</numerusform>
                <numerusform>%n years ago</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>I owe %n</source>
            <translation>
                <numerusform>I owe %n</numerusform>
                <numerusform>I owe %n</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>in %n day(s)</source>
            <translation>
                <numerusform>in %n day</numerusform>
                <numerusform>in %n days</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>they owe %n</source>
            <translation>
                <numerusform>they owe %n</numerusform>
                <numerusform>they owe %n</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>InsightsPage</name>
        <message numerus="yes">
            <source>Newest %1 of more than %Ln learning(s)</source>
            <translation>
                <numerusform>Newest %1 of more than %Ln learning</numerusform>
                <numerusform>Newest %1 of more than %Ln learnings</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln learning(s)</source>
            <translation>
                <numerusform>%Ln learning</numerusform>
                <numerusform>%Ln learnings</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Newest %1 of %Ln learning(s)</source>
            <translation>
                <numerusform>Newest %1 of %Ln learning</numerusform>
                <numerusform>Newest %1 of %Ln learnings</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>JournalCommands</name>
        <message numerus="yes">
            <source>Wrote %Ln row(s) to %1.</source>
            <translation>
                <numerusform>Wrote %Ln row to %1.</numerusform>
                <numerusform>Wrote %Ln rows to %1.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>MergeDialog</name>
        <message numerus="yes">
            <source>%n conversation(s)</source>
            <translation>
                <numerusform>%n conversation</numerusform>
                <numerusform>%n conversations</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n favour(s)</source>
            <translation>
                <numerusform>%n favour</numerusform>
                <numerusform>%n favours</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n purchase(s)</source>
            <translation>
                <numerusform>%n purchase</numerusform>
                <numerusform>%n purchases</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n reminder(s)</source>
            <translation>
                <numerusform>%n reminder</numerusform>
                <numerusform>%n reminders</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n referral ask(s)</source>
            <translation>
                <numerusform>%n referral ask</numerusform>
                <numerusform>%n referral asks</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n referral(s) they made</source>
            <translation>
                <numerusform>%n referral they made</numerusform>
                <numerusform>%n referrals they made</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Referrals</name>
        <message numerus="yes">
            <source>%n month(s)</source>
            <translation>
                <numerusform>%n month</numerusform>
                <numerusform>%n months</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n project(s) with you</source>
            <translation>
                <numerusform>%n project with you</numerusform>
                <numerusform>%n projects with you</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>sent you %n referral(s) before</source>
            <translation>
                <numerusform>sent you %n referral before</numerusform>
                <numerusform>sent you %n referrals before</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>they owe you %n favour(s)</source>
            <translation>
                <numerusform>they owe you %n favour</numerusform>
                <numerusform>they owe you %n favours</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>you owe them %n favour(s)</source>
            <translation>
                <numerusform>you owe them %n favour</numerusform>
                <numerusform>you owe them %n favours</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ReferralsPage</name>
        <message numerus="yes">
            <source>&amp;Ready to ask (%n)</source>
            <translation>
                <numerusform>&amp;Ready to ask (%n)</numerusform>
                <numerusform>&amp;Ready to ask (%n)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>As&amp;ks (%n open)</source>
            <translation>
                <numerusform>As&amp;ks (%n open)</numerusform>
                <numerusform>As&amp;ks (%n open)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n ask(s)</source>
            <translation>
                <numerusform>%n ask</numerusform>
                <numerusform>%n asks</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n answered with a referral</source>
            <translation>
                <numerusform>%n answered with a referral</numerusform>
                <numerusform>%n answered with a referral</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n referral(s) received</source>
            <translation>
                <numerusform>%n referral received</numerusform>
                <numerusform>%n referrals received</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n new client(s)</source>
            <translation>
                <numerusform>%n new client</numerusform>
                <numerusform>%n new clients</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Who sent people your way in this period. %n referral(s) still to thank.</source>
            <translation>
                <numerusform>Who sent people your way in this period. %n referral still to thank.</numerusform>
                <numerusform>Who sent people your way in this period. %n referrals still to thank.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SelectionBar</name>
        <message numerus="yes">
            <source>%n contact(s) selected</source>
            <translation>
                <numerusform>%n contact selected</numerusform>
                <numerusform>%n contacts selected</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SyncKeeper</name>
        <message numerus="yes">
            <source>Synced %n min ago</source>
            <translation>
                <numerusform>Synced %n min ago</numerusform>
                <numerusform>Synced %n min ago</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n change(s) from %1</source>
            <translation>
                <numerusform>%n change from %1</numerusform>
                <numerusform>%n changes from %1</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>TagCadencesPage</name>
        <message numerus="yes">
            <source>%1 (%Ln contact(s))</source>
            <translation>
                <numerusform>%1 (%Ln contact)</numerusform>
                <numerusform>%1 (%Ln contacts)</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>TodayPage</name>
        <message numerus="yes">
            <source>%n item(s) coming up</source>
            <translation>
                <numerusform>%n item coming up</numerusform>
                <numerusform>%n items coming up</numerusform>
            </translation>
        </message>
    </context>
</TS>