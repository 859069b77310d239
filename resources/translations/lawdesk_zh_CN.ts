<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AccountsPage</name>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>显示名称</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Linked officer</source>
        <translation>关联执法人员</translation>
    </message>
    <message>
        <source>New user…</source>
        <translation>新增用户…</translation>
    </message>
    <message>
        <source>Roles…</source>
        <translation>设置角色…</translation>
    </message>
    <message>
        <source>Enable or disable</source>
        <translation>启用/停用</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>重设密码…</translation>
    </message>
    <message>
        <source>The password of %1 is reset.</source>
        <translation>已重设 %1 的密码。</translation>
    </message>
</context>
<context>
    <name>AdminArea</name>
    <message>
        <source>Officers and certificates</source>
        <translation>执法人员及证件</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>科室</translation>
    </message>
    <message>
        <source>User accounts</source>
        <translation>用户账号</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <source>Administrator</source>
        <translation>系统管理员</translation>
    </message>
    <message>
        <source>This data folder is new. Create the administrator account; the administrator then adds units, officers and other users.</source>
        <translation>这是一个新的数据文件夹。请先创建系统管理员账户，再由管理员添加单位、执法人员和其他用户。</translation>
    </message>
    <message>
        <source>e.g. 某县市场监督管理局</source>
        <translation>如：某县市场监督管理局</translation>
    </message>
    <message>
        <source>Enforcement body</source>
        <translation>执法机关名称</translation>
    </message>
    <message>
        <source>Administrator user name</source>
        <translation>管理员用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>Administrator %1 created.</source>
        <translation>管理员 %1 已创建。</translation>
    </message>
</context>
<context>
    <name>AreaPlaceholder</name>
    <message>
        <source>This area is not available yet in this version.</source>
        <translation>本版本尚未提供此功能。</translation>
    </message>
</context>
<context>
    <name>AudioPanel</name>
    <message>
        <source>Interview audio</source>
        <translation>询问录音</translation>
    </message>
    <message>
        <source>Look again</source>
        <translation>重新查找</translation>
    </message>
    <message>
        <source>%v dBFS</source>
        <translation>%v dBFS</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>开始录音</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>marker note (optional)</source>
        <translation>标记说明（可不填）</translation>
    </message>
    <message>
        <source>Marker</source>
        <translation>加标记</translation>
    </message>
    <message>
        <source>Stop and store</source>
        <translation>停止并保存</translation>
    </message>
    <message>
        <source>Input:</source>
        <translation>输入设备：</translation>
    </message>
    <message>
        <source>%1 — %2, %3 ch, %4 Hz</source>
        <translation>%1 — %2，%3 声道，%4 Hz</translation>
    </message>
    <message>
        <source>No audio input device is available on this workstation. Interviews cannot be recorded here until a microphone is connected; press “Look again” after connecting one. Everything else in LawDesk works as usual.</source>
        <translation>本工作站没有可用的录音输入设备。接上麦克风之前无法在此录制询问录音；接好后请点“重新查找”。LawDesk 的其他功能照常使用。</translation>
    </message>
    <message>
        <source>Marker at %1</source>
        <translation>已在 %1 处加标记</translation>
    </message>
    <message>
        <source>Recording stored: %1, %2, SHA-256 %3…</source>
        <translation>已保存录音：%1，%2，SHA-256 %3…</translation>
    </message>
    <message>
        <source>Disk space is running out: about %1 s of recording left. Stop soon or free space.</source>
        <translation>磁盘空间即将用完：约剩 %1 秒录音空间。请尽快停止录音或清理空间。</translation>
    </message>
    <message>
        <source>The disk is nearly full: the recording was stopped (%1 s kept). Press “Stop and store”.</source>
        <translation>磁盘将满，录音已停止（已保留 %1 秒）。请点“停止并保存”。</translation>
    </message>
    <message>
        <source>The audio input %1 stopped (unplugged?). Press “Stop and store” to keep what was recorded.</source>
        <translation>录音输入设备 %1 已停止（是否被拔出？）。请点“停止并保存”保留已录内容。</translation>
    </message>
    <message>
        <source>The recording could not be written (%1). Press “Stop and store” to keep what was recorded.</source>
        <translation>录音无法写入磁盘（%1）。请点“停止并保存”保留已录内容。</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Not recording</source>
        <translation>未在录音</translation>
    </message>
    <message>
        <source>recording</source>
        <translation>录音中</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>出错</translation>
    </message>
    <message>
        <source>Recorded %1 (%2)</source>
        <translation>已录 %1（%2）</translation>
    </message>
    <message>
        <source>Space left: about %1 of recording</source>
        <translation>剩余空间：约可再录 %1</translation>
    </message>
</context>
<context>
    <name>AuditLogPage</name>
    <message>
        <source>(binary data)</source>
        <translation>（二进制数据）</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Time (Beijing)</source>
        <translation>时间（北京时间）</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变更内容</translation>
    </message>
    <message>
        <source>Search person, action or content</source>
        <translation>搜索人员、操作或内容</translation>
    </message>
    <message>
        <source>Entries: %1</source>
        <translation>共 %1 条</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>全部操作</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>全部人员</translation>
    </message>
    <message>
        <source>From any day</source>
        <translation>起始日期不限</translation>
    </message>
    <message>
        <source>To any day</source>
        <translation>截止日期不限</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>No entries match the search and filters.</source>
        <translation>没有符合搜索和筛选条件的日志记录。</translation>
    </message>
    <message>
        <source>Verify the ledger</source>
        <translation>核验审计日志</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在核验…</translation>
    </message>
    <message>
        <source>The ledger is intact: %1 entries, %2 signed checkpoints.</source>
        <translation>审计日志完好：%1 条记录，%2 个签名检查点。</translation>
    </message>
    <message>
        <source>The check was cancelled.</source>
        <translation>核验已取消。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
</context>
<context>
    <name>BenchmarkTab</name>
    <message>
        <source>in yuan</source>
        <translation>单位：元</translation>
    </message>
    <message>
        <source>Required when the fine is outside the suggested range: why this fine</source>
        <translation>罚款不在建议幅度内时必填：说明理由</translation>
    </message>
    <message>
        <source>Record for the case</source>
        <translation>记录到本案</translation>
    </message>
    <message>
        <source>Offence and circumstances</source>
        <translation>违法行为和情形</translation>
    </message>
    <message>
        <source>Offence</source>
        <translation>违法行为</translation>
    </message>
    <message>
        <source>Circumstances</source>
        <translation>情形</translation>
    </message>
    <message>
        <source>Suggestion</source>
        <translation>裁量建议</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>裁量阶次</translation>
    </message>
    <message>
        <source>Suggested range</source>
        <translation>建议幅度</translation>
    </message>
    <message>
        <source>The case&apos;s fine</source>
        <translation>本案罚款</translation>
    </message>
    <message>
        <source>Basis</source>
        <translation>依据</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>已记录</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>说明理由</translation>
    </message>
    <message>
        <source>— choose the offence —</source>
        <translation>— 选择违法行为 —</translation>
    </message>
    <message>
        <source>%1 (yuan)</source>
        <translation>%1（元）</translation>
    </message>
    <message>
        <source>no fine recorded on the case</source>
        <translation>本案尚未记录罚款</translation>
    </message>
    <message>
        <source>%1: inside the suggested range</source>
        <translation>%1：在建议幅度内</translation>
    </message>
    <message>
        <source>%1: outside the suggested range. A written reason is needed, and the case needs legal review.</source>
        <translation>%1：不在建议幅度内，须书面说明理由，且本案须经法制审核。</translation>
    </message>
    <message>
        <source>nothing recorded for this case yet</source>
        <translation>本案尚未记录裁量基准</translation>
    </message>
    <message>
        <source>by %1 on %2</source>
        <translation>%1 于 %2 记录</translation>
    </message>
    <message>
        <source>Recorded: %1.</source>
        <translation>已记录：%1。</translation>
    </message>
    <message>
        <source>The case now needs legal review.</source>
        <translation>本案现需法制审核。</translation>
    </message>
</context>
<context>
    <name>CameraPanel</name>
    <message>
        <source>Camera and document camera</source>
        <translation>高拍仪与摄像头</translation>
    </message>
    <message>
        <source>index, device or video file</source>
        <translation>设备序号、设备路径或视频文件</translation>
    </message>
    <message>
        <source>Look again</source>
        <translation>重新查找</translation>
    </message>
    <message>
        <source>List the cameras again (one plugged in since)</source>
        <translation>重新列出摄像头（查找刚接上的设备）</translation>
    </message>
    <message>
        <source>Video file…</source>
        <translation>视频文件…</translation>
    </message>
    <message>
        <source>Open camera</source>
        <translation>打开摄像头</translation>
    </message>
    <message>
        <source>PNG (lossless)</source>
        <translation>PNG（无损）</translation>
    </message>
    <message>
        <source>No camera open. Choose one above and press “Open camera”.</source>
        <translation>尚未打开摄像头。请在上方选择设备，然后点“打开摄像头”。</translation>
    </message>
    <message>
        <source>Take still (Space)</source>
        <translation>拍照（空格键）</translation>
    </message>
    <message>
        <source>Record clip</source>
        <translation>开始录像</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Stop and store</source>
        <translation>停止并保存</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>视频源：</translation>
    </message>
    <message>
        <source>Still format:</source>
        <translation>照片格式：</translation>
    </message>
    <message>
        <source>No camera or document camera is connected to this workstation. Connect one, or choose a video file, then press “Open camera”. Audio recording and the rest of LawDesk work without one.</source>
        <translation>本工作站未连接高拍仪或摄像头。请接上设备或选择一个视频文件，然后点“打开摄像头”。没有摄像头时，录音和 LawDesk 的其他功能照常使用。</translation>
    </message>
    <message>
        <source>A video file as the camera</source>
        <translation>选择作为视频源的视频文件</translation>
    </message>
    <message>
        <source>Videos (*.mp4 *.avi *.mkv *.mov);;All files (*)</source>
        <translation>视频 (*.mp4 *.avi *.mkv *.mov);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Camera open: %1 (%2 × %3)</source>
        <translation>摄像头已打开：%1（%2 × %3）</translation>
    </message>
    <message>
        <source>Open a camera first.</source>
        <translation>请先打开摄像头。</translation>
    </message>
    <message>
        <source>Still stored: %1 × %2, %3, SHA-256 %4…</source>
        <translation>已保存照片：%1 × %2，%3，SHA-256 %4…</translation>
    </message>
    <message>
        <source>Clip stored: %1, %2, SHA-256 %3…</source>
        <translation>已保存录像：%1，%2，SHA-256 %3…</translation>
    </message>
    <message>
        <source>Close camera</source>
        <translation>关闭摄像头</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>recording</source>
        <translation>录像中</translation>
    </message>
    <message>
        <source>Clip %1 (%2)</source>
        <translation>录像 %1（%2）</translation>
    </message>
    <message>
        <source>Not recording</source>
        <translation>未在录像</translation>
    </message>
    <message>
        <source>Space left: %1</source>
        <translation>剩余空间：%1</translation>
    </message>
    <message>
        <source> (about %1 of video)</source>
        <translation>（约可再录像 %1）</translation>
    </message>
</context>
<context>
    <name>CaptureArea</name>
    <message>
        <source>Your roles do not allow recording evidence at this workstation.</source>
        <translation>您的角色无权在本工作站录制证据。</translation>
    </message>
    <message>
        <source>Choose the case and step before recording: each still, clip and recording is stored as evidence of that step.</source>
        <translation>录制前请先选择案件和办案环节：拍摄的照片、录像和录音都作为该环节的证据保存。</translation>
    </message>
</context>
<context>
    <name>CaseEditor</name>
    <message>
        <source>Choose a case in the list, or open a new one.</source>
        <translation>请在案件列表中选择案件，或新建案件。</translation>
    </message>
    <message>
        <source>Approve an extension…</source>
        <translation>批准延期…</translation>
    </message>
    <message>
        <source>As the head of the bureau, extend the case&apos;s time limit before it runs out.</source>
        <translation>由局负责人在办案期限届满前批准延长办案期限。</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>基本情况</translation>
    </message>
    <message>
        <source>Parties</source>
        <translation>当事人</translation>
    </message>
    <message>
        <source>Officers</source>
        <translation>办案人员</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>办案环节</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>证据材料</translation>
    </message>
    <message>
        <source>Discretion benchmark</source>
        <translation>裁量基准</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>执法文书</translation>
    </message>
    <message>
        <source>closed, read-only</source>
        <translation>已结案（只读）</translation>
    </message>
    <message>
        <source>open</source>
        <translation>办理中</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 · lead officer %4 · %5</source>
        <translation>%1 · %2 · %3 · 主办人：%4 · %5</translation>
    </message>
    <message>
        <source> · time limit %1</source>
        <translation> · 办案期限 %1</translation>
    </message>
    <message>
        <source> · extended by %1 days</source>
        <translation> · 已延期 %1 天</translation>
    </message>
    <message>
        <source>Extended by %1 days on %2, approved by %3: %4</source>
        <translation>%2 经%3批准延期 %1 天，理由：%4</translation>
    </message>
    <message>
        <source>The case has had as many extensions as its rule allows.</source>
        <translation>本案已延期，延期次数已达规定上限。</translation>
    </message>
    <message>
        <source>The time limit has run out: an extension must be approved before it does.</source>
        <translation>办案期限已届满：延期须在期限届满前批准。</translation>
    </message>
</context>
<context>
    <name>CaseFileBar</name>
    <message>
        <source>Export case file…</source>
        <translation>导出案卷…</translation>
    </message>
    <message>
        <source>The case file as one PDF for a review body, a court or the archive: cover, contents, the issued documents, the evidence list and the back cover, numbered for double-sided printing.</source>
        <translation>将案卷导出为一个 PDF，供复议机关、法院或档案室使用：封面、卷内文件目录、已出具的文书、证据目录和备考表，页号适合双面打印。</translation>
    </message>
    <message>
        <source>Also copy the issued originals</source>
        <translation>同时复制文书原件</translation>
    </message>
    <message>
        <source>Copies the issued documents&apos; PDFs, unchanged, into a folder beside the case file.</source>
        <translation>将已出具文书的 PDF 原样复制到案卷旁的文件夹中。</translation>
    </message>
    <message>
        <source>Your roles do not allow making case files.</source>
        <translation>您的角色无权导出案卷。</translation>
    </message>
    <message>
        <source>Issue the case&apos;s documents first: a case file holds the issued documents.</source>
        <translation>请先出具本案文书：案卷由已出具的文书组成。</translation>
    </message>
    <message>
        <source>Save the case file as</source>
        <translation>案卷保存为</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Case file cancelled; nothing was written.</source>
        <translation>已取消导出案卷，未写入任何文件。</translation>
    </message>
    <message>
        <source>Case file saved: %1 (%2 pages, %3 documents, %4 evidence files).</source>
        <translation>案卷已保存：%1（共 %2 页，文书 %3 件，电子数据 %4 个）。</translation>
    </message>
    <message>
        <source>%1 originals copied to %2.</source>
        <translation>文书原件 %1 份已复制到 %2。</translation>
    </message>
</context>
<context>
    <name>CaseHeaderForm</name>
    <message>
        <source>e.g. selling food past its shelf life</source>
        <translation>如：销售超过保质期的食品</translation>
    </message>
    <message>
        <source>e.g. routine inspection, complaint, referral</source>
        <translation>如：日常监督检查、投诉举报、上级交办、部门移送</translation>
    </message>
    <message>
        <source>Case type</source>
        <translation>案件类型</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>办案程序</translation>
    </message>
    <message>
        <source>Handling unit</source>
        <translation>承办科室</translation>
    </message>
    <message>
        <source>Cause *</source>
        <translation>案由 *</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>案件来源</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>案发地点</translation>
    </message>
    <message>
        <source>Found on</source>
        <translation>发现日期</translation>
    </message>
    <message>
        <source>in yuan, e.g. 50000.00</source>
        <translation>单位：元，如 50000.00</translation>
    </message>
    <message>
        <source>Facts</source>
        <translation>违法事实</translation>
    </message>
    <message>
        <source>Legal basis</source>
        <translation>处罚依据</translation>
    </message>
    <message>
        <source>Penalty</source>
        <translation>处罚内容</translation>
    </message>
    <message>
        <source>Fine (yuan)</source>
        <translation>罚款金额（元）</translation>
    </message>
    <message>
        <source>Enter the cause of the case (案由).</source>
        <translation>请填写案由。</translation>
    </message>
    <message>
        <source>There is no unit yet: an administrator adds units first.</source>
        <translation>尚无科室，请先由系统管理员添加科室。</translation>
    </message>
</context>
<context>
    <name>CaseListPage</name>
    <message>
        <source>Number, cause or party</source>
        <translation>案件编号、案由或当事人</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>All procedures</source>
        <translation>全部程序</translation>
    </message>
    <message>
        <source>Open and closed</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>办理中</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已结案</translation>
    </message>
    <message>
        <source>All years</source>
        <translation>全部年度</translation>
    </message>
    <message>
        <source>Year %1</source>
        <translation>%1年</translation>
    </message>
    <message>
        <source>New case…</source>
        <translation>新建案件…</translation>
    </message>
    <message>
        <source>Your roles do not allow opening cases.</source>
        <translation>您的角色无权新建案件。</translation>
    </message>
    <message>
        <source>Open the case file</source>
        <translation>打开案件</translation>
    </message>
    <message>
        <source>Case list</source>
        <translation>案件列表</translation>
    </message>
    <message>
        <source>No cases to show. Open one with “New case…”; if filters are set, loosen them.</source>
        <translation>暂无案件：点击“新建案件…”立案；如已设置筛选条件，请放宽条件。</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <source>decided</source>
        <translation>已作出决定</translation>
    </message>
    <message>
        <source>%1 (%2 days overdue)</source>
        <translation>%1（逾期 %2 天）</translation>
    </message>
    <message>
        <source>%1 (%2 days left)</source>
        <translation>%1（剩余 %2 天）</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>案件类型</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>办案程序</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>承办科室</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>案由</translation>
    </message>
    <message>
        <source>Parties</source>
        <translation>当事人</translation>
    </message>
    <message>
        <source>Latest step</source>
        <translation>最新环节</translation>
    </message>
    <message>
        <source>Time limit</source>
        <translation>办案期限</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>登记日期</translation>
    </message>
    <message>
        <source>All units</source>
        <translation>全部科室</translation>
    </message>
    <message>
        <source>Cases: %1</source>
        <translation>案件：%1 件</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>尚未开始</translation>
    </message>
</context>
<context>
    <name>CaseTab</name>
    <message>
        <source>Your roles do not allow changing cases.</source>
        <translation>您的角色无权修改案件。</translation>
    </message>
    <message>
        <source>The case is closed.</source>
        <translation>案件已结案。</translation>
    </message>
</context>
<context>
    <name>CasesArea</name>
    <message>
        <source>Your roles do not allow viewing cases. Cases are handled by clerks and enforcement officers.</source>
        <translation>您的角色无权查看案件。案件由案件文书员和执法人员办理。</translation>
    </message>
    <message>
        <source>Case list</source>
        <translation>案件列表</translation>
    </message>
    <message>
        <source>Case file</source>
        <translation>案件办理</translation>
    </message>
</context>
<context>
    <name>CertificateForm</name>
    <message>
        <source>Enforcement certificate</source>
        <translation>执法证件</translation>
    </message>
    <message>
        <source>Certificate number</source>
        <translation>执法证号</translation>
    </message>
    <message>
        <source>Enforcement category</source>
        <translation>执法类别</translation>
    </message>
    <message>
        <source>Enforcement area</source>
        <translation>执法区域</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>有效期自</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Change my password</source>
        <translation>修改我的密码</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>当前密码</translation>
    </message>
</context>
<context>
    <name>CheckinDialog</name>
    <message>
        <source>Check a device in</source>
        <translation>归还设备</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>完好</translation>
    </message>
    <message>
        <source>Damaged (goes to repair)</source>
        <translation>损坏（转入维修）</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>归还状况</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Check in</source>
        <translation>确认归还</translation>
    </message>
    <message>
        <source>held by %1 (%2)</source>
        <translation>领用人 %1（%2）</translation>
    </message>
    <message>
        <source>Scan the device first.</source>
        <translation>请先扫描设备。</translation>
    </message>
</context>
<context>
    <name>CheckoutDialog</name>
    <message>
        <source>Check a device out</source>
        <translation>领用设备</translation>
    </message>
    <message>
        <source>Scan or type the certificate number</source>
        <translation>扫描或输入执法证号</translation>
    </message>
    <message>
        <source>Battery charged</source>
        <translation>电量充足</translation>
    </message>
    <message>
        <source>Storage has room</source>
        <translation>存储空间充足</translation>
    </message>
    <message>
        <source>Clock correct</source>
        <translation>时钟准确</translation>
    </message>
    <message>
        <source>Undamaged</source>
        <translation>外观完好</translation>
    </message>
    <message>
        <source>Check before use</source>
        <translation>使用前检查</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>执法人员</translation>
    </message>
    <message>
        <source>Due back</source>
        <translation>应还时间</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Check out</source>
        <translation>确认领用</translation>
    </message>
    <message>
        <source>Scan the device and the officer&apos;s certificate first.</source>
        <translation>请先扫描设备和执法人员的执法证。</translation>
    </message>
</context>
<context>
    <name>CoordinationForm</name>
    <message>
        <source>Decide</source>
        <translation>作出决定</translation>
    </message>
    <message>
        <source>Reviewer&apos;s opinion</source>
        <translation>审核意见</translation>
    </message>
    <message>
        <source>Handler&apos;s reason</source>
        <translation>承办人理由</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>协调决定</translation>
    </message>
    <message>
        <source>Opinion</source>
        <translation>意见</translation>
    </message>
    <message>
        <source>Only the bureau head decides a disputed review.</source>
        <translation>审核分歧只能由局负责人协调决定。</translation>
    </message>
    <message>
        <source>The review is not in coordination.</source>
        <translation>该审核不在协调中。</translation>
    </message>
    <message>
        <source>Decided in coordination: %1.</source>
        <translation>已协调决定：%1。</translation>
    </message>
</context>
<context>
    <name>DashboardLine</name>
    <message>
        <source>Overdue: %1</source>
        <translation>已逾期：%1</translation>
    </message>
    <message>
        <source>due within %1 working days: %2</source>
        <translation>%1个工作日内到期：%2</translation>
    </message>
    <message>
        <source>withdrawals due: %1 (%2 late)</source>
        <translation>待撤回：%1（逾期 %2）</translation>
    </message>
    <message>
        <source>awaiting approval: %1</source>
        <translation>待审核：%1</translation>
    </message>
    <message>
        <source>approved, to publish: %1</source>
        <translation>已审核待发布：%1</translation>
    </message>
</context>
<context>
    <name>DateRangeDialog</name>
    <message>
        <source>Period</source>
        <translation>统计期间</translation>
    </message>
    <message>
        <source>From</source>
        <translation>自</translation>
    </message>
    <message>
        <source>To</source>
        <translation>至</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>As published (masked)</source>
        <translation>公示文本（脱敏后）</translation>
    </message>
    <message>
        <source>Original (not published)</source>
        <translation>原文（不公开）</translation>
    </message>
    <message>
        <source>Select a record to see its published and original text side by side.</source>
        <translation>选择一条公示记录，对照查看公示文本和原文。</translation>
    </message>
    <message>
        <source>Not to be published: %1</source>
        <translation>不予公开：%1</translation>
    </message>
    <message>
        <source>Decided %1; publish by %2.</source>
        <translation>决定日期 %1，应于 %2 前公示。</translation>
    </message>
    <message>
        <source>Drafted by %1 at %2.</source>
        <translation>%1 于 %2 起草。</translation>
    </message>
    <message>
        <source>Approved by %1 at %2.</source>
        <translation>%1 于 %2 审核通过。</translation>
    </message>
    <message>
        <source>Published by %1 on %2, online until %3.</source>
        <translation>%1 于 %2 发布，公示至 %3。</translation>
    </message>
    <message>
        <source>The decision changed on %1: withdraw by %2.</source>
        <translation>决定已于 %1 变更，应于 %2 前撤回。</translation>
    </message>
    <message>
        <source>Withdrawn by %1 on %2: %3</source>
        <translation>%1 于 %2 撤回：%3</translation>
    </message>
    <message>
        <source>Masked: %1</source>
        <translation>已脱敏：%1</translation>
    </message>
    <message>
        <source>Not published: %1</source>
        <translation>不予公开：%1</translation>
    </message>
    <message>
        <source>Withdrawn on %1: %2</source>
        <translation>已于 %1 撤回：%2</translation>
    </message>
    <message>
        <source>(masked)</source>
        <translation>（已脱敏）</translation>
    </message>
    <message>
        <source>(masked when published)</source>
        <translation>（公示时脱敏）</translation>
    </message>
</context>
<context>
    <name>DeviceDialog</name>
    <message>
        <source>Edit device</source>
        <translation>编辑设备</translation>
    </message>
    <message>
        <source>Register a device</source>
        <translation>登记设备</translation>
    </message>
    <message>
        <source>Known</source>
        <translation>已知</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>序列号</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>设备类型</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>科室</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <source>Vendor</source>
        <translation>厂商</translation>
    </message>
    <message>
        <source>Purchase date</source>
        <translation>购置日期</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>DevicesArea</name>
    <message>
        <source>Register and custody</source>
        <translation>设备台账与领用</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期未还</translation>
    </message>
    <message>
        <source>Ratio standard</source>
        <translation>配备标准</translation>
    </message>
</context>
<context>
    <name>DocumentFieldsForm</name>
    <message>
        <source>typed here</source>
        <translation>本次填写</translation>
    </message>
    <message>
        <source>kept with the case</source>
        <translation>案件已存</translation>
    </message>
    <message>
        <source>from the case</source>
        <translation>来自案件</translation>
    </message>
    <message>
        <source>default</source>
        <translation>默认值</translation>
    </message>
    <message>
        <source>worked out</source>
        <translation>自动生成</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>未填写</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>如 2026-06-15</translation>
    </message>
    <message>
        <source>YYYY-MM-DD HH:MM</source>
        <translation>如 2026-06-15 09:30</translation>
    </message>
    <message>
        <source>e.g. 5000.00</source>
        <translation>如 5000.00</translation>
    </message>
    <message>
        <source>Comes from the case: change it in the case.</source>
        <translation>取自案件信息，如需修改请在案件中修改。</translation>
    </message>
    <message>
        <source>required, still empty</source>
        <translation>必填，尚未填写</translation>
    </message>
</context>
<context>
    <name>DocumentLists</name>
    <message>
        <source>Documents</source>
        <translation>文书目录</translation>
    </message>
    <message>
        <source>Issued for this case</source>
        <translation>本案已制发文书</translation>
    </message>
    <message>
        <source>Not used under the %1</source>
        <translation>%1案件不适用</translation>
    </message>
</context>
<context>
    <name>DocumentsPanel</name>
    <message>
        <source>Keep with the case</source>
        <translation>保存到案件</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>制发</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <source>Choose a document on the left.</source>
        <translation>请在左侧选择文书。</translation>
    </message>
    <message>
        <source>Every required field is filled.</source>
        <translation>必填项均已填写。</translation>
    </message>
    <message>
        <source>Required fields still empty: %1</source>
        <translation>以下必填项尚未填写：%1</translation>
    </message>
    <message>
        <source>Your roles do not allow issuing numbered documents.</source>
        <translation>您的角色无权制发编号文书。</translation>
    </message>
    <message>
        <source>Nothing typed to keep.</source>
        <translation>没有需要保存的填写内容。</translation>
    </message>
    <message>
        <source>Typed values kept with the case for its other documents.</source>
        <translation>填写内容已保存到案件，本案其他文书可直接使用。</translation>
    </message>
    <message>
        <source>Rendering the preview…</source>
        <translation>正在生成预览…</translation>
    </message>
    <message>
        <source>Preview of %1, not numbered (%2 pages)</source>
        <translation>《%1》预览，未编号（共 %2 页）</translation>
    </message>
    <message>
        <source>The preview leaves the empty required fields blank; the document cannot be issued until they are filled.</source>
        <translation>预览中未填写的必填项留空；填写完整后方可制发。</translation>
    </message>
    <message>
        <source>Issuing…</source>
        <translation>正在制发…</translation>
    </message>
    <message>
        <source>The date the document bears: by default the day its step was recorded. A date other than today is recorded in the ledger.</source>
        <translation>文书落款日期：默认为该环节的登记日期。与今天不同的日期会记入审计日志。</translation>
    </message>
    <message>
        <source>Document date:</source>
        <translation>文书日期：</translation>
    </message>
    <message>
        <source>Number: %1</source>
        <translation>文书编号：%1</translation>
    </message>
    <message>
        <source>%1 %2 (%3 pages)</source>
        <translation>《%1》%2（共 %3 页）</translation>
    </message>
    <message>
        <source>Issued %1 and kept in the archive.</source>
        <translation>已制发 %1，并已存档。</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <source>Sent %1 pages to the printer.</source>
        <translation>已发送 %1 页到打印机。</translation>
    </message>
    <message>
        <source>Save a copy</source>
        <translation>另存副本</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Saved a copy to %1</source>
        <translation>副本已保存到 %1</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <source>Ready</source>
        <translation>设置完成</translation>
    </message>
    <message>
        <source>What was set up, and what is left for later.</source>
        <translation>已完成的设置，以及留待以后完成的事项。</translation>
    </message>
    <message>
        <source>Officers, certificates, devices and other users are added in Administration and Devices.</source>
        <translation>执法人员、执法证件、设备和其他用户可在“系统管理”和“执法设备”中添加。</translation>
    </message>
</context>
<context>
    <name>DrawReport</name>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Draw</source>
        <translation>抽取次序</translation>
    </message>
    <message>
        <source>Seed text</source>
        <translation>种子文字</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>USCC</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Inspectors</source>
        <translation>检查人员</translation>
    </message>
    <message>
        <source>To re-check, anyone can run:</source>
        <translation>任何人都可以运行以下命令复核：</translation>
    </message>
    <message>
        <source>or, on another computer, with the exported file:</source>
        <translation>或在另一台电脑上用导出的文件复核：</translation>
    </message>
</context>
<context>
    <name>DrawsPage</name>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>抽查事项</translation>
    </message>
    <message>
        <source>Ratio or count</source>
        <translation>抽查比例或数量</translation>
    </message>
    <message>
        <source>Pool</source>
        <translation>检查对象名录</translation>
    </message>
    <message>
        <source>Draws</source>
        <translation>抽取次数</translation>
    </message>
    <message>
        <source>Drawn at</source>
        <translation>抽取时间</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <source>New draw…</source>
        <translation>新建抽查…</translation>
    </message>
    <message>
        <source>Your roles do not allow running random inspection draws.</source>
        <translation>您的角色无权组织双随机抽查。</translation>
    </message>
    <message>
        <source>Redraw…</source>
        <translation>重新抽取…</translation>
    </message>
    <message>
        <source>Only an administrator may redraw, with a reason.</source>
        <translation>只有系统管理员可以重新抽取，并须说明理由。</translation>
    </message>
    <message>
        <source>Record a result…</source>
        <translation>登记检查结果…</translation>
    </message>
    <message>
        <source>Your roles do not allow recording inspection results.</source>
        <translation>您的角色无权登记抽查检查结果。</translation>
    </message>
    <message>
        <source>not drawn</source>
        <translation>尚未抽取</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>抽取依据</translation>
    </message>
    <message>
        <source>Inspecting body</source>
        <translation>检查主体</translation>
    </message>
    <message>
        <source>Basis</source>
        <translation>检查依据</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>检查方式</translation>
    </message>
    <message>
        <source>list version</source>
        <translation>清单版本</translation>
    </message>
    <message>
        <source>Inspectors from</source>
        <translation>检查人员范围</translation>
    </message>
    <message>
        <source>All units</source>
        <translation>全部科室</translation>
    </message>
    <message>
        <source>Recusals</source>
        <translation>回避</translation>
    </message>
    <message>
        <source>Draw</source>
        <translation>抽取</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>superseded</source>
        <translation>已被重新抽取取代</translation>
    </message>
    <message>
        <source>Not drawn yet.</source>
        <translation>尚未抽取。</translation>
    </message>
    <message>
        <source>Redrawn because</source>
        <translation>重新抽取理由：</translation>
    </message>
    <message>
        <source>%1 targets</source>
        <translation>%1 户</translation>
    </message>
    <message>
        <source>Choose a task that has been drawn.</source>
        <translation>请先选择一个已抽取的任务。</translation>
    </message>
    <message>
        <source>Redrawn: %1, draw %2</source>
        <translation>已重新抽取：%1，第 %2 次</translation>
    </message>
    <message>
        <source>Result recorded.</source>
        <translation>检查结果已登记。</translation>
    </message>
</context>
<context>
    <name>EnrollDialog</name>
    <message>
        <source>Enroll at headquarters</source>
        <translation>注册到总部</translation>
    </message>
    <message>
        <source>only for a server with its own certificate</source>
        <translation>仅当服务器使用自签证书时填写</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>HQ server address</source>
        <translation>总部服务器地址</translation>
    </message>
    <message>
        <source>Enrollment code</source>
        <translation>注册码</translation>
    </message>
    <message>
        <source>CA certificate</source>
        <translation>CA 证书</translation>
    </message>
    <message>
        <source>The HQ administrator issues a one-time code for your unit. Once enrolled, officers, certificates and standards come from HQ and can no longer be edited here.</source>
        <translation>注册码由总部管理员为本科室签发，只能使用一次。注册后，执法人员、执法证件和配备标准等由总部统一下发，本机不再修改。</translation>
    </message>
    <message>
        <source>Enroll</source>
        <translation>注册</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt)</source>
        <translation>证书文件 (*.pem *.crt)</translation>
    </message>
    <message>
        <source>Enter the server address and the enrollment code.</source>
        <translation>请填写服务器地址和注册码。</translation>
    </message>
</context>
<context>
    <name>EvidencePage</name>
    <message>
        <source>Link from the footage library…</source>
        <translation>从音像资料库选取…</translation>
    </message>
    <message>
        <source>Unlink</source>
        <translation>取消关联</translation>
    </message>
    <message>
        <source>Copy SHA-256</source>
        <translation>复制 SHA-256</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件名称</translation>
    </message>
    <message>
        <source>(no longer listed)</source>
        <translation>（资料库中已无记录）</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>录制时间</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>录制人员</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>录制设备</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>关联环节</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Your roles do not allow viewing the footage library.</source>
        <translation>您的角色无权查看音像资料库。</translation>
    </message>
    <message>
        <source>linked by %1 on %2</source>
        <translation>%1 于 %2 关联</translation>
    </message>
    <message>
        <source>Unlink evidence</source>
        <translation>取消证据关联</translation>
    </message>
    <message>
        <source>Unlink %1 from this case? The ledger keeps that it was linked.</source>
        <translation>确定取消 %1 与本案的关联吗？审计日志仍保留关联记录。</translation>
    </message>
</context>
<context>
    <name>ExportBar</name>
    <message>
        <source>Export to the portal folder…</source>
        <translation>导出到公示平台文件夹…</translation>
    </message>
    <message>
        <source>Your roles do not allow exporting disclosures.</source>
        <translation>您的角色无权导出执法公示。</translation>
    </message>
    <message>
        <source>Push to HQ</source>
        <translation>推送至总部</translation>
    </message>
    <message>
        <source>Send the published records to the bureau-wide feed HQ keeps, and check that HQ shows each of them as this workstation does.</source>
        <translation>将已公示的记录发送到总部汇总的全局公示，并核对总部显示的每一条与本机一致。</translation>
    </message>
    <message>
        <source>The static site and the JSON feed of everything published, with what changed since the last export.</source>
        <translation>导出全部公示内容的静态网页和 JSON 数据，并说明自上次导出以来的变化。</translation>
    </message>
    <message>
        <source>Export the disclosures to</source>
        <translation>将执法公示导出到</translation>
    </message>
    <message>
        <source>Pushed to HQ: %1 records and %2 withdrawal notices; HQ shows %3 of them as they are here.</source>
        <translation>已推送至总部：公示 %1 条、撤回公告 %2 条；总部显示与本机一致的 %3 条。</translation>
    </message>
    <message>
        <source>HQ lacks or shows differently: %1. Tell the HQ administrator.</source>
        <translation>总部缺少或显示不一致：%1。请告知总部管理员。</translation>
    </message>
    <message>
        <source>Push cancelled; what HQ received stays there and the rest is sent next time.</source>
        <translation>已取消推送；总部已收到的保留，其余下次发送。</translation>
    </message>
    <message>
        <source>Export cancelled; the folder keeps its last complete export.</source>
        <translation>已取消导出；文件夹保留上一次完整导出的内容。</translation>
    </message>
    <message>
        <source>Exported to %1: %2 records and %3 withdrawal notices online.</source>
        <translation>已导出到 %1：公示记录 %2 条，撤回公告 %3 条。</translation>
    </message>
    <message>
        <source>Since the last export: %1 added, %2 changed, %3 removed.</source>
        <translation>自上次导出以来：新增 %1 条，变更 %2 条，移除 %3 条。</translation>
    </message>
    <message>
        <source>%1 records reached the end of their online period and were taken off.</source>
        <translation>%1 条记录公示期满，已下线。</translation>
    </message>
</context>
<context>
    <name>ExtensionDialog</name>
    <message>
        <source>Approve an extension of the time limit</source>
        <translation>批准延长办案期限</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>e.g. the case is complex and needs an expert opinion</source>
        <translation>例如：案情复杂，需要检验、检测或鉴定</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Last day now</source>
        <translation>现办案期限</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>依据</translation>
    </message>
    <message>
        <source>Extend by</source>
        <translation>延长</translation>
    </message>
    <message>
        <source>New last day</source>
        <translation>延长后期限</translation>
    </message>
    <message>
        <source>Reason *</source>
        <translation>延期理由 *</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <source>Enter the reason for the extension.</source>
        <translation>请填写延期理由。</translation>
    </message>
</context>
<context>
    <name>Fields</name>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>(hidden)</source>
        <translation>（已隐藏）</translation>
    </message>
</context>
<context>
    <name>FindingsPage</name>
    <message>
        <source>A case with an open finding cannot be closed until its footage is linked, a section head approves the reason, or accepts the findings.</source>
        <translation>有未处理音像记录问题的案件不能结案：请关联音视频，或由科室负责人批准缺失理由、确认接受问题。</translation>
    </message>
    <message>
        <source>Also excused and accepted</source>
        <translation>同时显示已免除和已确认的问题</translation>
    </message>
    <message>
        <source>Reason (e.g. the recorder failed on the spot)</source>
        <translation>理由（如：记录仪现场故障）</translation>
    </message>
    <message>
        <source>Approve reason for the step</source>
        <translation>批准该环节的缺失理由</translation>
    </message>
    <message>
        <source>Accept the case&apos;s open findings</source>
        <translation>确认接受该案的问题</translation>
    </message>
    <message>
        <source>Only a section head may approve reasons and accept findings.</source>
        <translation>仅科室负责人可以批准缺失理由、确认接受问题。</translation>
    </message>
    <message>
        <source>open</source>
        <translation>未处理</translation>
    </message>
    <message>
        <source>excused</source>
        <translation>已免除</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>环节</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Reason approved: %1 findings of %2 excused.</source>
        <translation>已批准缺失理由：案件 %2 的 %1 项问题已免除。</translation>
    </message>
    <message>
        <source>Accepted %1 findings of %2: the case may be closed.</source>
        <translation>已确认案件 %2 的 %1 项问题，可以结案。</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Set up LawDesk</source>
        <translation>LawDesk 初始设置</translation>
    </message>
    <message>
        <source>Next &gt;</source>
        <translation>下一步 &gt;</translation>
    </message>
    <message>
        <source>&lt; Back</source>
        <translation>&lt; 上一步</translation>
    </message>
    <message>
        <source>Start using LawDesk</source>
        <translation>开始使用</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
</context>
<context>
    <name>FontPage</name>
    <message>
        <source>Document font</source>
        <translation>文书字体</translation>
    </message>
    <message>
        <source>Documents follow GB/T 9704: body text in FangSong, titles in a Song face. This is the face this computer will use for the body text.</source>
        <translation>文书按 GB/T 9704 排版：正文用仿宋，标题用宋体类字体。下面是本机正文将使用的字体。</translation>
    </message>
    <message>
        <source>Looking for fonts…</source>
        <translation>正在查找字体…</translation>
    </message>
    <message>
        <source>Documents will be set in %1 (%2).</source>
        <translation>文书将使用 %1（%2）。</translation>
    </message>
    <message>
        <source>Document font: %1.</source>
        <translation>文书字体：%1。</translation>
    </message>
    <message>
        <source>Document font: fallback %1; install FangSong later.</source>
        <translation>文书字体：备用字体 %1，请日后安装仿宋字体。</translation>
    </message>
    <message>
        <source>Document font: none usable; install a Chinese font before printing.</source>
        <translation>文书字体：没有可用的中文字体，打印前请先安装。</translation>
    </message>
</context>
<context>
    <name>FootageArea</name>
    <message>
        <source>Offload</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>资料库</translation>
    </message>
</context>
<context>
    <name>FootageFilterBar</name>
    <message>
        <source>File name or SHA-256</source>
        <translation>文件名或 SHA-256</translation>
    </message>
    <message>
        <source>Officer&apos;s certificate</source>
        <translation>执法证号</translation>
    </message>
    <message>
        <source>Device serial</source>
        <translation>设备编号</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>录制日期</translation>
    </message>
    <message>
        <source>Important</source>
        <translation>重要</translation>
    </message>
    <message>
        <source>Unreadable</source>
        <translation>无法解码</translation>
    </message>
</context>
<context>
    <name>FootagePickerDialog</name>
    <message>
        <source>Link evidence from the footage library</source>
        <translation>从音像资料库关联证据</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>录制时间</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件名称</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>执法人员</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>In this case</source>
        <translation>本案已关联</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>optional, e.g. what the recording shows</source>
        <translation>选填，如：录像内容</translation>
    </message>
    <message>
        <source>For the step</source>
        <translation>关联环节</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>关联</translation>
    </message>
    <message>
        <source>Files: %1</source>
        <translation>文件：%1 个</translation>
    </message>
    <message>
        <source>Choose one or more files first.</source>
        <translation>请先选择一个或多个文件。</translation>
    </message>
</context>
<context>
    <name>HeaderPage</name>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Undo changes</source>
        <translation>撤销修改</translation>
    </message>
    <message>
        <source>Steps are recorded: the procedure can no longer change.</source>
        <translation>已记录办案环节，不能再更改办案程序。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>HqPage</name>
    <message>
        <source>Headquarters</source>
        <translation>总部</translation>
    </message>
    <message>
        <source>Enroll this workstation at the bureau&apos;s HQ server with the one-time code HQ gave you. Leave it empty to work offline and enroll later in the Sync area.</source>
        <translation>用总部发放的一次性注册码把本工作站注册到总部服务器。不填则离线工作，之后可在“数据同步”中注册。</translation>
    </message>
    <message>
        <source>HQ address</source>
        <translation>总部地址</translation>
    </message>
    <message>
        <source>Enrollment code</source>
        <translation>注册码</translation>
    </message>
    <message>
        <source>Enrolling needs the network now; everything else in LawDesk works without it.</source>
        <translation>注册需要联网；LawDesk 的其他功能无需网络即可使用。</translation>
    </message>
    <message>
        <source>HQ: not enrolled (Sync area, when the network is there).</source>
        <translation>总部：未注册（联网后可在“数据同步”中注册）。</translation>
    </message>
    <message>
        <source>Give both the HQ address and the enrollment code, or neither to skip.</source>
        <translation>请同时填写总部地址和注册码，或都不填以跳过。</translation>
    </message>
    <message>
        <source>Enrolled at %1.</source>
        <translation>已注册到总部 %1。</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import a new version: %1</source>
        <translation>导入新版本：%1</translation>
    </message>
    <message>
        <source>a .csv (UTF-8 or GBK) or .xlsx file</source>
        <translation>.csv（UTF-8 或 GBK）或 .xlsx 文件</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>e.g. the bureau&apos;s meeting of 2026-06-10</source>
        <translation>如 2026-06-10 局长办公会</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>In force from</source>
        <translation>施行日期</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>批准</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Import a list</source>
        <translation>导入清单</translation>
    </message>
    <message>
        <source>Lists (*.csv *.xlsx)</source>
        <translation>清单文件 (*.csv *.xlsx)</translation>
    </message>
    <message>
        <source>Choose the file to import first.</source>
        <translation>请先选择要导入的文件。</translation>
    </message>
</context>
<context>
    <name>JobProgress</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Administrator</source>
        <translation>系统管理员</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>案件文书员</translation>
    </message>
    <message>
        <source>Device custodian</source>
        <translation>设备管理员</translation>
    </message>
    <message>
        <source>Enforcement officer</source>
        <translation>执法人员</translation>
    </message>
    <message>
        <source>Legal reviewer</source>
        <translation>法制审核员</translation>
    </message>
    <message>
        <source>Bureau head</source>
        <translation>局负责人</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>已暂扣</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>已吊销</translation>
    </message>
    <message>
        <source>No certificate</source>
        <translation>无证件</translation>
    </message>
    <message>
        <source>May enforce</source>
        <translation>可执法</translation>
    </message>
    <message>
        <source>Not yet valid</source>
        <translation>未生效</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
</context>
<context>
    <name>LibraryPage</name>
    <message>
        <source>Recorded</source>
        <translation>录制日期</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>执法人员</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Picture</source>
        <translation>画面</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Marks</source>
        <translation>标记</translation>
    </message>
    <message>
        <source>Footage</source>
        <translation>执法音视频</translation>
    </message>
    <message>
        <source>No footage to show. Connect a body-worn camera and offload it on the “Offload” tab; if filters are set, loosen them.</source>
        <translation>暂无音视频：请连接执法记录仪，在“导入”页导入；如已设置筛选条件，请放宽条件。</translation>
    </message>
    <message>
        <source>Open or play</source>
        <translation>打开/播放</translation>
    </message>
    <message>
        <source>Copy SHA-256</source>
        <translation>复制 SHA-256</translation>
    </message>
    <message>
        <source>The decoder could not read this file. It is stored and verified as it came off the device; play it with the recorder maker&apos;s player.</source>
        <translation>解码器无法读取此文件。文件已按设备上的原样保存并校验，请使用执法记录仪厂商的播放器播放。</translation>
    </message>
    <message>
        <source>Seen on devices</source>
        <translation>设备来源</translation>
    </message>
    <message>
        <source>History</source>
        <translation>流转记录</translation>
    </message>
    <message>
        <source>Files: %1</source>
        <translation>共 %1 个文件</translation>
    </message>
    <message>
        <source>important</source>
        <translation>重要</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>无法解码</translation>
    </message>
    <message>
        <source>Stored at %1, read-only.</source>
        <translation>存储位置：%1（只读）</translation>
    </message>
</context>
<context>
    <name>ListPage</name>
    <message>
        <source>Import a new version…</source>
        <translation>导入新版本…</translation>
    </message>
    <message>
        <source>Your roles do not allow changing the public lists.</source>
        <translation>您的角色无权修改事前公示清单。</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>清单内容</translation>
    </message>
    <message>
        <source>Version history</source>
        <translation>版本历史</translation>
    </message>
    <message>
        <source>Compare versions</source>
        <translation>版本比较</translation>
    </message>
    <message>
        <source>Show this version&apos;s rows</source>
        <translation>查看所选版本内容</translation>
    </message>
    <message>
        <source>Show the version in force</source>
        <translation>查看现行版本</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>From version</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to version</source>
        <translation>到</translation>
    </message>
    <message>
        <source>No version is in force yet. Import the bureau&apos;s list as a CSV or XLSX file with the column names of the header below; resources/examples/lists/%1.csv shows an example.</source>
        <translation>尚无已生效的版本。请将本局清单以 CSV 或 XLSX 文件导入，表头使用下方列名；示例见 resources/examples/lists/%1.csv。</translation>
    </message>
    <message>
        <source>Version %1, in force from %2, approved by %3; %4 rows.</source>
        <translation>第 %1 版，%2 起施行，批准：%3；共 %4 行。</translation>
    </message>
    <message>
        <source>This is not the version in force.</source>
        <translation>此版本不是现行版本。</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>第 %1 版</translation>
    </message>
    <message>
        <source>Select a version in the history first.</source>
        <translation>请先在版本历史中选择一个版本。</translation>
    </message>
    <message>
        <source>Choose two different versions to compare.</source>
        <translation>请选择两个不同的版本进行比较。</translation>
    </message>
    <message>
        <source>%1 added, %2 removed, %3 changed.</source>
        <translation>新增 %1 行，删除 %2 行，修改 %3 行。</translation>
    </message>
    <message>
        <source>The two versions are the same.</source>
        <translation>两个版本内容相同。</translation>
    </message>
    <message>
        <source>Imported version %1 (%2 rows), in force from %3.</source>
        <translation>已导入第 %1 版（%2 行），%3 起施行。</translation>
    </message>
    <message>
        <source>Export the list</source>
        <translation>导出清单</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exported %1 rows to %2.</source>
        <translation>已导出 %1 行到 %2。</translation>
    </message>
</context>
<context>
    <name>ListsArea</name>
    <message>
        <source>Enforcement items</source>
        <translation>执法事项</translation>
    </message>
    <message>
        <source>Enforcement subjects</source>
        <translation>执法主体</translation>
    </message>
    <message>
        <source>Enforcement personnel</source>
        <translation>执法人员</translation>
    </message>
    <message>
        <source>Window staff</source>
        <translation>窗口人员</translation>
    </message>
    <message>
        <source>Random inspection items</source>
        <translation>随机抽查事项</translation>
    </message>
    <message>
        <source>Service guides</source>
        <translation>服务指南</translation>
    </message>
    <message>
        <source>Random inspection draws</source>
        <translation>双随机抽查</translation>
    </message>
</context>
<context>
    <name>ListsModels</name>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>In force from</source>
        <translation>施行日期</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>批准</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>登记人</translation>
    </message>
    <message>
        <source>Recorded at</source>
        <translation>登记时间</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>in force</source>
        <translation>现行</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源文件</translation>
    </message>
    <message>
        <source>added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Log in to LawDesk</source>
        <translation>登录 LawDesk</translation>
    </message>
    <message>
        <source>Data folder: %1</source>
        <translation>数据文件夹：%1</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>LawDesk law-enforcement workstation</source>
        <translation>LawDesk 行政执法工作站</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>LawDesk law-enforcement workstation</source>
        <translation>LawDesk 行政执法工作站</translation>
    </message>
    <message>
        <source>Footage</source>
        <translation>音像资料</translation>
    </message>
    <message>
        <source>Record capture</source>
        <translation>录音录像采集</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>执法设备</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>案件管理</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>全过程记录</translation>
    </message>
    <message>
        <source>Legal review</source>
        <translation>法制审核</translation>
    </message>
    <message>
        <source>Disclosure</source>
        <translation>执法公示</translation>
    </message>
    <message>
        <source>Public lists</source>
        <translation>公示清单</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>数据同步</translation>
    </message>
    <message>
        <source>Administration</source>
        <translation>系统管理</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>注销</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>About LawDesk</source>
        <translation>关于 LawDesk</translation>
    </message>
    <message>
        <source>User: %1 (%2)</source>
        <translation>用户：%1（%2）</translation>
    </message>
    <message>
        <source>Data folder: %1</source>
        <translation>数据文件夹：%1</translation>
    </message>
    <message>
        <source>Sync: syncing with headquarters…</source>
        <translation>同步：正在与总部同步…</translation>
    </message>
    <message>
        <source>Sync: not enrolled with headquarters; working offline</source>
        <translation>同步：尚未接入总部，离线工作中</translation>
    </message>
    <message>
        <source>Sync: enrolled with headquarters; waiting for the first pass</source>
        <translation>同步：已接入总部，等待首次同步</translation>
    </message>
    <message>
        <source>Sync: up to date at %1</source>
        <translation>同步：%1 已同步</translation>
    </message>
    <message>
        <source>Sync: headquarters not reached or a problem (see the Sync area); working offline</source>
        <translation>同步：未连上总部或同步出错（详见“数据同步”），离线工作中</translation>
    </message>
    <message>
        <source>A recording is under way</source>
        <translation>正在录制</translation>
    </message>
    <message>
        <source>A clip or an interview is still being recorded. Close LawDesk anyway?

What was recorded so far is kept and stored as evidence when LawDesk starts next. To store it now, choose No and press “Stop and store”.</source>
        <translation>录像或询问录音仍在录制中。仍要关闭 LawDesk 吗？

已录制的内容会保留，并在下次启动 LawDesk 时作为证据保存。如要现在保存，请选“否”，再点“停止并保存”。</translation>
    </message>
    <message>
        <source>%1 recording(s) cut off earlier were recovered and stored as evidence.</source>
        <translation>已恢复 %1 个此前中断的录制，并作为证据保存。</translation>
    </message>
    <message>
        <source>LawDesk %1
Workstation for enforcement disclosure, whole-process recording and legal review of major decisions.</source>
        <translation>LawDesk %1
行政执法公示、执法全过程记录、重大执法决定法制审核工作站。</translation>
    </message>
    <message>
        <source>Log of unexpected errors: %1</source>
        <translation>意外错误日志：%1</translation>
    </message>
</context>
<context>
    <name>MaterialsPane</name>
    <message>
        <source>Material</source>
        <translation>送审材料</translation>
    </message>
    <message>
        <source>Handed in</source>
        <translation>提交情况</translation>
    </message>
    <message>
        <source>By, on</source>
        <translation>提交人、时间</translation>
    </message>
    <message>
        <source>Attach a PDF…</source>
        <translation>附上 PDF…</translation>
    </message>
    <message>
        <source>Make it from the case</source>
        <translation>由案件生成</translation>
    </message>
    <message>
        <source>Party</source>
        <translation>当事人</translation>
    </message>
    <message>
        <source>Facts</source>
        <translation>违法事实</translation>
    </message>
    <message>
        <source>Legal basis</source>
        <translation>处罚依据</translation>
    </message>
    <message>
        <source>Penalty</source>
        <translation>处罚内容</translation>
    </message>
    <message>
        <source>Choose a material to see it here.</source>
        <translation>选择一份送审材料在此查看。</translation>
    </message>
    <message>
        <source>made from the case</source>
        <translation>由案件生成</translation>
    </message>
    <message>
        <source>attached</source>
        <translation>已附</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>缺少</translation>
    </message>
    <message>
        <source>not needed</source>
        <translation>不需要</translation>
    </message>
    <message>
        <source>Your roles do not allow handing in review materials.</source>
        <translation>您的角色不能提交送审材料。</translation>
    </message>
    <message>
        <source>Choose a material in the list.</source>
        <translation>请在列表中选择一份材料。</translation>
    </message>
    <message>
        <source>The review is with the reviewer: its materials do not change now.</source>
        <translation>案件正在审核，送审材料现在不能更改。</translation>
    </message>
    <message>
        <source>LawDesk cannot make this material: attach a PDF.</source>
        <translation>此材料不能自动生成，请附上 PDF 文件。</translation>
    </message>
    <message>
        <source>Attach “%1”</source>
        <translation>附上“%1”</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>“%1” handed in.</source>
        <translation>已提交“%1”。</translation>
    </message>
    <message>
        <source>“%1” made from the case and handed in.</source>
        <translation>已由案件生成并提交“%1”。</translation>
    </message>
</context>
<context>
    <name>NewCaseDialog</name>
    <message>
        <source>New case</source>
        <translation>新建案件</translation>
    </message>
    <message>
        <source>Handling officers</source>
        <translation>办案人员</translation>
    </message>
    <message>
        <source>Open case</source>
        <translation>创建案件</translation>
    </message>
</context>
<context>
    <name>NewDrawDialog</name>
    <message>
        <source>New random inspection draw</source>
        <translation>新建抽查</translation>
    </message>
    <message>
        <source>CSV: name, uscc, address, category</source>
        <translation>CSV：名称、统一社会信用代码、地址、类别</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Ratio</source>
        <translation>比例</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>All units</source>
        <translation>全部科室</translation>
    </message>
    <message>
        <source>One a line: certificate number, USCC, reason</source>
        <translation>每行一条：执法证号,统一社会信用代码,回避理由</translation>
    </message>
    <message>
        <source>Typed at the witnessed draw, e.g. the numbers the witnesses call out</source>
        <translation>在见证下现场输入，例如见证人报出的号码</translation>
    </message>
    <message>
        <source>Inspectors are the officers holding a valid enforcement certificate today, two per target, never one recused for it. The seed is the SHA-256 of all these inputs with the time of the draw: anyone can re-run it (docs/double-random-draw.md).</source>
        <translation>检查人员从今天持有有效执法证的执法人员中抽取，每户两名，需回避的人员不会被抽中。种子是以上全部输入连同抽取时间的 SHA-256 值：任何人都可以重新运行复核（见 docs/double-random-draw.md）。</translation>
    </message>
    <message>
        <source> (list version %1)</source>
        <translation>（清单第 %1 版）</translation>
    </message>
    <message>
        <source>Inspection item</source>
        <translation>抽查事项</translation>
    </message>
    <message>
        <source>Targets file</source>
        <translation>检查对象名录文件</translation>
    </message>
    <message>
        <source>How many</source>
        <translation>抽取数量</translation>
    </message>
    <message>
        <source>Inspectors from</source>
        <translation>检查人员范围</translation>
    </message>
    <message>
        <source>Recusals</source>
        <translation>回避</translation>
    </message>
    <message>
        <source>Seed text</source>
        <translation>种子文字</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>The random inspection list in force has no items: import it first.</source>
        <translation>现行随机抽查事项清单中没有事项：请先导入清单。</translation>
    </message>
    <message>
        <source>Choose the targets file.</source>
        <translation>请选择检查对象名录文件。</translation>
    </message>
    <message>
        <source>The count must be a whole number.</source>
        <translation>抽取数量须为整数。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Drawn: %1</source>
        <translation>已抽取：%1</translation>
    </message>
</context>
<context>
    <name>OfficerDialog</name>
    <message>
        <source>Edit officer</source>
        <translation>编辑执法人员</translation>
    </message>
    <message>
        <source>New officer</source>
        <translation>新增执法人员</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>科室</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
</context>
<context>
    <name>OfficerListDialog</name>
    <message>
        <source>Choose handling officers</source>
        <translation>选择办案人员</translation>
    </message>
    <message>
        <source>Name or certificate number</source>
        <translation>姓名或执法证号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>所在科室</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>执法证号</translation>
    </message>
    <message>
        <source>May enforce</source>
        <translation>执法资格</translation>
    </message>
</context>
<context>
    <name>OfficerPicker</name>
    <message>
        <source>Certificate number, then Enter</source>
        <translation>输入执法证号后按回车</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>From the list…</source>
        <translation>从名单选择…</translation>
    </message>
    <message>
        <source>Make lead</source>
        <translation>设为主办</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>lead</source>
        <translation>主办</translation>
    </message>
    <message>
        <source>assisting</source>
        <translation>协办</translation>
    </message>
    <message>
        <source>%1 cannot handle cases: %2</source>
        <translation>%1不能担任办案人员：%2</translation>
    </message>
    <message>
        <source>%1 is already listed.</source>
        <translation>%1已在办案人员名单中。</translation>
    </message>
</context>
<context>
    <name>OfficerRule</name>
    <message>
        <source>A case under the %1 needs at least %2 officers with a valid enforcement certificate; the first listed leads.</source>
        <translation>%1案件至少需要 %2 名持有有效执法证的办案人员；排在第一位的为主办人。</translation>
    </message>
</context>
<context>
    <name>OfficersPage</name>
    <message>
        <source>Search name or certificate number</source>
        <translation>搜索姓名或执法证号</translation>
    </message>
    <message>
        <source>New officer…</source>
        <translation>新增执法人员…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>New certificate…</source>
        <translation>换发证件…</translation>
    </message>
    <message>
        <source>Certificate status</source>
        <translation>证件状态</translation>
    </message>
    <message>
        <source>Suspend…</source>
        <translation>暂扣…</translation>
    </message>
    <message>
        <source>Revoke…</source>
        <translation>吊销…</translation>
    </message>
    <message>
        <source>Reinstate</source>
        <translation>恢复有效</translation>
    </message>
    <message>
        <source>Officers</source>
        <translation>执法人员</translation>
    </message>
    <message>
        <source>No officers to show. Add one with “New officer…”; if a search or unit is chosen, clear it.</source>
        <translation>暂无执法人员：点击“新增执法人员…”添加；如已输入搜索或选择科室，请清除。</translation>
    </message>
    <message>
        <source>%1, expires in %2 days</source>
        <translation>%1，%2 天后到期</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>科室</translation>
    </message>
    <message>
        <source>Certificate number</source>
        <translation>执法证号</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>执法类别</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>证件状态</translation>
    </message>
    <message>
        <source>Certified enforcement</source>
        <translation>持证上岗</translation>
    </message>
    <message>
        <source>All units</source>
        <translation>全部科室</translation>
    </message>
    <message>
        <source>Officers: %1</source>
        <translation>共 %1 人</translation>
    </message>
    <message>
        <source>Save officers</source>
        <translation>保存办案人员</translation>
    </message>
    <message>
        <source>Undo changes</source>
        <translation>撤销修改</translation>
    </message>
    <message>
        <source>Officers saved.</source>
        <translation>办案人员已保存。</translation>
    </message>
</context>
<context>
    <name>OffloadJobView</name>
    <message>
        <source>Looking at the device…</source>
        <translation>正在读取设备…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Waiting for another offload to finish…</source>
        <translation>正在等待其他导入完成…</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>%1 of %2 · %3/s</source>
        <translation>%1 / %2 · %3/秒</translation>
    </message>
    <message>
        <source>about %1 s left</source>
        <translation>约剩 %1 秒</translation>
    </message>
    <message>
        <source>File %1 of %2: %3</source>
        <translation>第 %1/%2 个文件：%3</translation>
    </message>
    <message>
        <source>about %1 min left</source>
        <translation>约剩 %1 分钟</translation>
    </message>
    <message>
        <source>Recorder %1 failed to give %2 files. Try another cable or another USB port.</source>
        <translation>记录仪 %1 已有 %2 个文件读取失败。请换另一根数据线或另一个USB接口。</translation>
    </message>
    <message>
        <source>Recorder %1 is reading slowly (%2/s over the last %3 s). Try another cable or another USB port.</source>
        <translation>记录仪 %1 读取缓慢（最近 %3 秒仅 %2/秒）。请换另一根数据线或另一个USB接口。</translation>
    </message>
    <message>
        <source>Cancelling after the file in hand…</source>
        <translation>正在取消（当前文件结束后停止）…</translation>
    </message>
    <message>
        <source>Stored and verified</source>
        <translation>已存储并校验</translation>
    </message>
    <message>
        <source>Already in the store</source>
        <translation>库中已有</translation>
    </message>
    <message>
        <source>Verified earlier</source>
        <translation>此前已校验</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>%1 stored, %2 already there, %3 failed, %4 copied in %5 s</source>
        <translation>新存 %1 个，已有 %2 个，失败 %3 个，用时 %5 秒复制 %4</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Cancelled before it started: nothing was copied.</source>
        <translation>已在开始前取消，未复制任何文件。</translation>
    </message>
</context>
<context>
    <name>OffloadPage</name>
    <message>
        <source>Offload the selected device</source>
        <translation>导入所选设备</translation>
    </message>
    <message>
        <source>Plugged-in devices</source>
        <translation>已接入的设备</translation>
    </message>
    <message>
        <source>No device detected: connect the body-worn camera with its USB cable and switch it on.</source>
        <translation>未检测到设备：请用 USB 线连接执法记录仪并开机。</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>when the file names do not carry it</source>
        <translation>文件名中没有设备编号时填写</translation>
    </message>
    <message>
        <source>when neither file names nor custody tell</source>
        <translation>文件名和领用记录都无法确定执法人员时填写</translation>
    </message>
    <message>
        <source>Start offload</source>
        <translation>开始导入</translation>
    </message>
    <message>
        <source>Offload a folder</source>
        <translation>导入文件夹</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Device serial</source>
        <translation>设备编号</translation>
    </message>
    <message>
        <source>Officer&apos;s certificate</source>
        <translation>执法证号</translation>
    </message>
    <message>
        <source>Offloads in progress and finished appear here.</source>
        <translation>正在进行和已完成的导入显示在这里。</translation>
    </message>
    <message>
        <source>%1 — checking…</source>
        <translation>%1 — 正在识别…</translation>
    </message>
    <message>
        <source>%1 — recorder %2 (%3)</source>
        <translation>%1 — 执法记录仪 %2（%3）</translation>
    </message>
    <message>
        <source>%1 — not a known recorder; offload it only if you mean to</source>
        <translation>%1 — 未识别的设备，确需导入时再手动开始</translation>
    </message>
    <message>
        <source>Folder to offload</source>
        <translation>选择要导入的文件夹</translation>
    </message>
</context>
<context>
    <name>OpinionForm</name>
    <message>
        <source>Review points</source>
        <translation>审核要点</translation>
    </message>
    <message>
        <source>The review&apos;s opinion, as it will stand in the opinion document</source>
        <translation>审核意见（将载入法制审核意见书）</translation>
    </message>
    <message>
        <source>Take into review</source>
        <translation>开始审核</translation>
    </message>
    <message>
        <source>Record the opinion</source>
        <translation>出具审核意见</translation>
    </message>
    <message>
        <source>why the review needs longer</source>
        <translation>延长审核期限的理由</translation>
    </message>
    <message>
        <source>Extend the time limit</source>
        <translation>延长审核期限</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>审核结论</translation>
    </message>
    <message>
        <source>Opinion</source>
        <translation>审核意见</translation>
    </message>
    <message>
        <source>Only legal reviewers record review opinions.</source>
        <translation>只有法制审核人员能出具审核意见。</translation>
    </message>
    <message>
        <source>Choose a case.</source>
        <translation>请选择案件。</translation>
    </message>
    <message>
        <source>The case is not waiting for a review opinion (%1).</source>
        <translation>案件当前不待出具审核意见（%1）。</translation>
    </message>
    <message>
        <source>The case is already in review.</source>
        <translation>案件已在审核中。</translation>
    </message>
    <message>
        <source>The time limit was extended once already.</source>
        <translation>审核期限已延长过一次。</translation>
    </message>
    <message>
        <source>Taken into review.</source>
        <translation>已开始审核。</translation>
    </message>
    <message>
        <source>Opinion recorded: %1.</source>
        <translation>审核意见已记录：%1。</translation>
    </message>
    <message>
        <source>Time limit extended to %1.</source>
        <translation>审核期限已延长至 %1。</translation>
    </message>
</context>
<context>
    <name>OverduePage</name>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>序列号</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>设备类型</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>执法人员</translation>
    </message>
    <message>
        <source>Checked out</source>
        <translation>领用时间</translation>
    </message>
    <message>
        <source>Due back</source>
        <translation>应还时间</translation>
    </message>
    <message>
        <source>Overdue by</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Overdue devices</source>
        <translation>逾期未还设备</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 天 %2 小时</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分钟</translation>
    </message>
    <message>
        <source>Devices overdue: %1</source>
        <translation>逾期未还设备：%1 台</translation>
    </message>
</context>
<context>
    <name>PackageBar</name>
    <message>
        <source>Export evidence package…</source>
        <translation>导出证据包…</translation>
    </message>
    <message>
        <source>A ZIP for a review body or a court: the recordings and documents unchanged, the signed manifest (JSON and PDF), the recorders&apos; custody history, the ledger records and a verifier anyone can run without LawDesk.</source>
        <translation>交给复议机关或法院的 ZIP 文件：原样的音视频和文书、签名清单（JSON 和 PDF）、执法记录仪领用记录、审计日志记录，以及不装 LawDesk 也能运行的核验程序。</translation>
    </message>
    <message>
        <source>Your roles do not allow exporting evidence packages.</source>
        <translation>您的角色无权导出电子证据包。</translation>
    </message>
    <message>
        <source>Save the evidence package as</source>
        <translation>证据包另存为</translation>
    </message>
    <message>
        <source>ZIP files (*.zip)</source>
        <translation>ZIP 文件 (*.zip)</translation>
    </message>
    <message>
        <source>Export cancelled; no package was written and nothing was recorded.</source>
        <translation>已取消导出：没有写出证据包，也没有记录。</translation>
    </message>
    <message>
        <source>Evidence package saved: %1 (%2 recordings, %3 documents, %4 left out; %5). Key fingerprint: %6</source>
        <translation>证据包已保存：%1（音视频 %2 个、文书 %3 份、未提供 %4 个；%5）。公钥指纹：%6</translation>
    </message>
</context>
<context>
    <name>PackageDialog</name>
    <message>
        <source>Evidence package of %1</source>
        <translation>%1 的证据包</translation>
    </message>
    <message>
        <source>Every linked recording and issued document goes into the package unchanged, with the signed manifest, the recorders&apos; custody history, the ledger records and the verifier. Untick a file to leave it out (a third party&apos;s recording, say): the package then lists it by its SHA-256 with the reason below.</source>
        <translation>本案关联的音视频和已出具的文书都原样放入证据包，并附签名清单、执法记录仪领用记录、审计日志记录和核验程序。取消勾选即不提供该文件（例如第三人的录像）：证据包仍以 SHA-256 列出该文件，并载明下面填写的理由。</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Recorded or issued</source>
        <translation>录制或出具时间</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>音视频</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文书</translation>
    </message>
    <message>
        <source>Why the unticked files are left out</source>
        <translation>未勾选的文件不予提供的理由</translation>
    </message>
    <message>
        <source>Choose where to save…</source>
        <translation>选择保存位置…</translation>
    </message>
    <message>
        <source>Say why the unticked files are left out: the package prints the reason.</source>
        <translation>请说明未勾选的文件为何不提供：证据包会载明理由。</translation>
    </message>
</context>
<context>
    <name>PartiesPage</name>
    <message>
        <source>Add party…</source>
        <translation>添加当事人…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称（姓名）</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Legal representative</source>
        <translation>法定代表人</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>住所（住址）</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Natural person</source>
        <translation>自然人</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Remove party</source>
        <translation>删除当事人</translation>
    </message>
    <message>
        <source>Remove %1 from this case?</source>
        <translation>确定从本案中删除当事人 %1 吗？</translation>
    </message>
</context>
<context>
    <name>PartyDialog</name>
    <message>
        <source>Edit party</source>
        <translation>修改当事人</translation>
    </message>
    <message>
        <source>Add a party</source>
        <translation>添加当事人</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>单位（法人或其他组织）</translation>
    </message>
    <message>
        <source>Natural person</source>
        <translation>自然人</translation>
    </message>
    <message>
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Resident identity number</source>
        <translation>公民身份号码</translation>
    </message>
    <message>
        <source>Other document (not checked)</source>
        <translation>其他证件（不校验）</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>当事人类别</translation>
    </message>
    <message>
        <source>Name *</source>
        <translation>名称（姓名）*</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <source>Number *</source>
        <translation>证件号码 *</translation>
    </message>
    <message>
        <source>Legal representative</source>
        <translation>法定代表人（负责人）</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>住所（住址）</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Check character correct · born %1 · %2</source>
        <translation>校验码正确 · 出生日期 %1 · %2</translation>
    </message>
    <message>
        <source>Check character correct</source>
        <translation>校验码正确</translation>
    </message>
    <message>
        <source>male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>Enter the party&apos;s name and document number.</source>
        <translation>请填写当事人名称（姓名）和证件号码。</translation>
    </message>
</context>
<context>
    <name>PasswordFields</name>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>确认密码</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>PdfExport</name>
    <message>
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
</context>
<context>
    <name>PdfPane</name>
    <message>
        <source>Preview or choose an issued document to see it here.</source>
        <translation>点击“预览”或选择已制发的文书，在此查看。</translation>
    </message>
</context>
<context>
    <name>PersonnelPage</name>
    <message>
        <source>Generated from the officers and their certificates: the officers certified today. Change it by changing the officers and certificates (Administration).</source>
        <translation>由执法人员及其执法证件生成：列出今日持有有效执法证的人员。如需变更，请在“系统管理”中维护执法人员和证件。</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Certificate number</source>
        <translation>执法证号</translation>
    </message>
    <message>
        <source>Look up</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Look up a certificate:</source>
        <translation>执法证查询：</translation>
    </message>
    <message>
        <source>Export the list</source>
        <translation>导出清单</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exported %1 rows to %2.</source>
        <translation>已导出 %1 行到 %2。</translation>
    </message>
</context>
<context>
    <name>PointRow</name>
    <message>
        <source>Pass</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>存在问题</translation>
    </message>
    <message>
        <source>the problem found, or a note</source>
        <translation>发现的问题或说明</translation>
    </message>
</context>
<context>
    <name>ProgressPage</name>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>环节</translation>
    </message>
    <message>
        <source>Led to</source>
        <translation>结果状态</translation>
    </message>
    <message>
        <source>Opinion or reason</source>
        <translation>意见或理由</translation>
    </message>
    <message>
        <source>Submit for review</source>
        <translation>提交法制审核</translation>
    </message>
    <message>
        <source>why the handler does not accept the opinion</source>
        <translation>承办人不同意审核意见的理由</translation>
    </message>
    <message>
        <source>Disagree: ask the bureau head</source>
        <translation>提出异议，报请局负责人协调</translation>
    </message>
    <message>
        <source>submitted</source>
        <translation>提交审核</translation>
    </message>
    <message>
        <source>taken into review</source>
        <translation>开始审核</translation>
    </message>
    <message>
        <source>opinion</source>
        <translation>出具意见</translation>
    </message>
    <message>
        <source>time extended</source>
        <translation>延长期限</translation>
    </message>
    <message>
        <source>disagreed</source>
        <translation>提出异议</translation>
    </message>
    <message>
        <source>coordinated</source>
        <translation>协调决定</translation>
    </message>
    <message>
        <source>sent back</source>
        <translation>退回重新送审</translation>
    </message>
    <message>
        <source>Your roles do not allow submitting cases for review.</source>
        <translation>您的角色不能提交法制审核。</translation>
    </message>
    <message>
        <source>The review is not with the case&apos;s handlers now.</source>
        <translation>案件当前不在承办人处，不能提交。</translation>
    </message>
    <message>
        <source>Only an opinion that returns or transfers the case can be disputed.</source>
        <translation>只有退回补充调查、纠正或移送的意见才能提出异议。</translation>
    </message>
    <message>
        <source>Submitted for review; due %1.</source>
        <translation>已提交法制审核，审核期限至 %1。</translation>
    </message>
    <message>
        <source>The bureau head will decide in coordination.</source>
        <translation>已报请局负责人协调决定。</translation>
    </message>
</context>
<context>
    <name>RatioPage</name>
    <message>
        <source>Unit</source>
        <translation>科室</translation>
    </message>
    <message>
        <source>Device type</source>
        <translation>设备类型</translation>
    </message>
    <message>
        <source>Certified officers</source>
        <translation>持证人数</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>配备标准</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>应配</translation>
    </message>
    <message>
        <source>In service</source>
        <translation>在用</translation>
    </message>
    <message>
        <source>Shortfall</source>
        <translation>缺口</translation>
    </message>
    <message>
        <source>Surplus</source>
        <translation>富余</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>执法人员</translation>
    </message>
    <message>
        <source>Certificate number</source>
        <translation>执法证号</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>剩余天数</translation>
    </message>
    <message>
        <source>Report PDF…</source>
        <translation>导出报告 PDF…</translation>
    </message>
    <message>
        <source>Units against their standard</source>
        <translation>各科室配备情况</translation>
    </message>
    <message>
        <source>Certificates expiring within 30 days</source>
        <translation>30 天内到期的执法证</translation>
    </message>
    <message>
        <source>Save the ratio report</source>
        <translation>保存配备情况报告</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>1 per %1 officers</source>
        <translation>每 %1 人 1 台</translation>
    </message>
    <message>
        <source>at least %1</source>
        <translation>至少 %1 台</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>Shortfall across all units: %1 devices</source>
        <translation>全局共缺 %1 台设备</translation>
    </message>
    <message>
        <source>Every unit meets its standard.</source>
        <translation>各科室均已达到配备标准。</translation>
    </message>
</context>
<context>
    <name>RecorderPage</name>
    <message>
        <source>Recorder test</source>
        <translation>记录仪测试</translation>
    </message>
    <message>
        <source>Plug a body camera or recorder in over USB to see whether LawDesk recognises it. Nothing is copied. You may skip this.</source>
        <translation>用 USB 连接一台执法记录仪，查看 LawDesk 能否识别。不会复制任何文件。可以跳过此步。</translation>
    </message>
    <message>
        <source>No device detected yet: connect a body camera (执法记录仪).</source>
        <translation>尚未检测到设备：请连接执法记录仪。</translation>
    </message>
    <message>
        <source>Test a folder instead…</source>
        <translation>改为测试一个文件夹…</translation>
    </message>
    <message>
        <source>Recorder test: skipped (the Footage area shows each plugged-in recorder).</source>
        <translation>记录仪测试：已跳过（“音像资料”中会显示每台接入的记录仪）。</translation>
    </message>
    <message>
        <source>%1 — checking…</source>
        <translation>%1 — 正在识别…</translation>
    </message>
    <message>
        <source>%1 — recognised: %2, serial %3</source>
        <translation>%1 — 已识别：%2，序列号 %3</translation>
    </message>
    <message>
        <source>Recorder test: %1 recognised.</source>
        <translation>记录仪测试：已识别 %1。</translation>
    </message>
    <message>
        <source>%1 — not a known recorder: add a recorder profile for it, or offload it by hand</source>
        <translation>%1 — 不是已知的记录仪：请为其添加记录仪配置，或手动导入</translation>
    </message>
    <message>
        <source> (unplugged)</source>
        <translation>（已拔出）</translation>
    </message>
    <message>
        <source>Choose a recorder&apos;s folder</source>
        <translation>选择记录仪的文件夹</translation>
    </message>
</context>
<context>
    <name>RecordingArea</name>
    <message>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>Your roles do not allow viewing the recording statistics (they need both cases and footage).</source>
        <translation>您的角色无权查看执法记录统计（需要同时有查看案件和音视频资料的权限）。</translation>
    </message>
    <message>
        <source>Recording findings</source>
        <translation>音像记录问题</translation>
    </message>
    <message>
        <source>Retention</source>
        <translation>保存与清理</translation>
    </message>
</context>
<context>
    <name>RecordingDashboard</name>
    <message>
        <source>All units</source>
        <translation>全部科室</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>Workbook…</source>
        <translation>导出表格…</translation>
    </message>
    <message>
        <source>PDF report…</source>
        <translation>导出PDF报表…</translation>
    </message>
    <message>
        <source>Annual report…</source>
        <translation>年度报告…</translation>
    </message>
    <message>
        <source>From</source>
        <translation>自</translation>
    </message>
    <message>
        <source>To</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>科室</translation>
    </message>
    <message>
        <source>Compare units by</source>
        <translation>各科室比较：</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>执法人员</translation>
    </message>
    <message>
        <source>Device type</source>
        <translation>设备类型</translation>
    </message>
    <message>
        <source>By unit</source>
        <translation>按科室</translation>
    </message>
    <message>
        <source>By officer</source>
        <translation>按执法人员</translation>
    </message>
    <message>
        <source>By device type</source>
        <translation>按设备类型</translation>
    </message>
    <message>
        <source>List behind a figure</source>
        <translation>数字明细</translation>
    </message>
    <message>
        <source>Footage (clips)</source>
        <translation>音视频（条）</translation>
    </message>
    <message>
        <source>Hours recorded</source>
        <translation>录制时长（小时）</translation>
    </message>
    <message>
        <source>Offload delay, median (h)</source>
        <translation>导入延迟中位数（小时）</translation>
    </message>
    <message>
        <source>Offload delay, 95th percentile (h)</source>
        <translation>导入延迟95%分位（小时）</translation>
    </message>
    <message>
        <source>Late offloads</source>
        <translation>逾期导入（条）</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>立案（件）</translation>
    </message>
    <message>
        <source>Cases complying</source>
        <translation>音像记录合规（件）</translation>
    </message>
    <message>
        <source>Compliance rate</source>
        <translation>音像记录合规率</translation>
    </message>
    <message>
        <source>Findings open</source>
        <translation>未处理问题（个）</translation>
    </message>
    <message>
        <source>Devices in service</source>
        <translation>在用设备（台）</translation>
    </message>
    <message>
        <source>Devices required</source>
        <translation>应配设备（台）</translation>
    </message>
    <message>
        <source>Device shortfall</source>
        <translation>设备缺配（台）</translation>
    </message>
    <message>
        <source>Documents issued</source>
        <translation>出具文书（份）</translation>
    </message>
    <message>
        <source>Reviews submitted</source>
        <translation>送法制审核（件）</translation>
    </message>
    <message>
        <source>Reviews decided</source>
        <translation>已审核（件）</translation>
    </message>
    <message>
        <source>Reviews on time</source>
        <translation>按时审核（件）</translation>
    </message>
    <message>
        <source>Reviews overdue</source>
        <translation>逾期未审核（件）</translation>
    </message>
    <message>
        <source>Disclosures due</source>
        <translation>应公示（件）</translation>
    </message>
    <message>
        <source>Disclosures published</source>
        <translation>已公示（件）</translation>
    </message>
    <message>
        <source>Disclosures on time</source>
        <translation>按时公示（件）</translation>
    </message>
    <message>
        <source>Disclosures overdue</source>
        <translation>逾期未公示（件）</translation>
    </message>
    <message>
        <source>%1 to %2; late offload: more than %3 hours after the recording ended; devices as of today against the ratio standard.</source>
        <translation>统计期间 %1 至 %2；逾期导入：录制结束后超过 %3 小时才导入；设备为今日在用数与配备标准的比较。</translation>
    </message>
    <message>
        <source>By month</source>
        <translation>各月情况</translation>
    </message>
    <message>
        <source>Units compared</source>
        <translation>各科室比较</translation>
    </message>
    <message>
        <source>%1: %2 rows</source>
        <translation>%1：共 %2 条</translation>
    </message>
    <message>
        <source> (the first %1 shown)</source>
        <translation>（仅列出前 %1 条）</translation>
    </message>
    <message>
        <source>Workbooks (*.xlsx)</source>
        <translation>Excel 表格 (*.xlsx)</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Save the statistics</source>
        <translation>保存统计</translation>
    </message>
</context>
<context>
    <name>RecordsPage</name>
    <message>
        <source>Document number</source>
        <translation>文书编号</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>公示类别</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>决定日期</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>公示期限</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <source>Case or document number</source>
        <translation>案件编号或文书编号</translation>
    </message>
    <message>
        <source>Records: %1</source>
        <translation>记录：%1</translation>
    </message>
    <message>
        <source>All records</source>
        <translation>全部记录</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Due within %1 working days</source>
        <translation>%1个工作日内到期</translation>
    </message>
    <message>
        <source>Withdrawals due</source>
        <translation>待撤回</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>审核通过</translation>
    </message>
    <message>
        <source>Your roles do not allow approving disclosures.</source>
        <translation>您的角色无权审核执法公示。</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>发布</translation>
    </message>
    <message>
        <source>Withdraw…</source>
        <translation>撤回…</translation>
    </message>
    <message>
        <source>Your roles do not allow publishing or withdrawing disclosures.</source>
        <translation>您的角色无权发布或撤回执法公示。</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Deadlines pass without any change to the records: look again.</source>
        <translation>期限随日期推移而到期，记录本身并无变化：点击重新查看。</translation>
    </message>
    <message>
        <source>Select a record in the list first.</source>
        <translation>请先在列表中选择一条记录。</translation>
    </message>
    <message>
        <source>Approved for release: %1</source>
        <translation>已审核通过：%1</translation>
    </message>
    <message>
        <source>Published: %1</source>
        <translation>已发布：%1</translation>
    </message>
    <message>
        <source>Withdrawn: %1</source>
        <translation>已撤回：%1</translation>
    </message>
    <message>
        <source>Not to be published (%1)</source>
        <translation>不予公开（%1）</translation>
    </message>
    <message>
        <source>withdraw by %1</source>
        <translation>%1 前撤回</translation>
    </message>
    <message>
        <source>%1 working days left</source>
        <translation>剩余 %1 个工作日</translation>
    </message>
    <message>
        <source>due today</source>
        <translation>今日到期</translation>
    </message>
    <message>
        <source>late</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>late by %1 working days</source>
        <translation>逾期 %1 个工作日</translation>
    </message>
</context>
<context>
    <name>RedrawDialog</name>
    <message>
        <source>Redraw %1</source>
        <translation>重新抽取 %1</translation>
    </message>
    <message>
        <source>Why the draw is made again: recorded and published with both draws</source>
        <translation>为何重新抽取：理由将记录在案，并与两次抽取结果一同公示</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Seed text</source>
        <translation>种子文字</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>说明理由</translation>
    </message>
</context>
<context>
    <name>RegisterPage</name>
    <message>
        <source>Search serial, model or vendor</source>
        <translation>搜索序列号、型号或厂商</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Check out…</source>
        <translation>领用…</translation>
    </message>
    <message>
        <source>Check in…</source>
        <translation>归还…</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>台账管理</translation>
    </message>
    <message>
        <source>Register a device…</source>
        <translation>登记设备…</translation>
    </message>
    <message>
        <source>Edit device…</source>
        <translation>编辑设备…</translation>
    </message>
    <message>
        <source>Import from CSV…</source>
        <translation>从 CSV 导入…</translation>
    </message>
    <message>
        <source>Use register PDF…</source>
        <translation>使用登记台账 PDF…</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>序列号</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>设备类型</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>科室</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Held by</source>
        <translation>领用人</translation>
    </message>
    <message>
        <source>Due back</source>
        <translation>应还时间</translation>
    </message>
    <message>
        <source>Your roles do not allow checking devices out or in.</source>
        <translation>您的角色无权办理设备领用和归还。</translation>
    </message>
    <message>
        <source>Your roles do not allow managing devices.</source>
        <translation>您的角色无权管理设备台账。</translation>
    </message>
    <message>
        <source>Device register</source>
        <translation>设备台账</translation>
    </message>
    <message>
        <source>No devices to show. Register a device (Register → Register a device…) or import a CSV file; if filters are set, loosen them.</source>
        <translation>暂无设备：请在“台账管理”中登记设备或从 CSV 文件导入；如已设置筛选条件，请放宽条件。</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Status after</source>
        <translation>变更后状态</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>执法人员</translation>
    </message>
    <message>
        <source>By</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>All units</source>
        <translation>全部科室</translation>
    </message>
    <message>
        <source>Devices: %1</source>
        <translation>共 %1 台</translation>
    </message>
    <message>
        <source>Select a device in the list first.</source>
        <translation>请先在列表中选择一台设备。</translation>
    </message>
    <message>
        <source>Import devices</source>
        <translation>导入设备</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Imported %1 devices.</source>
        <translation>已导入 %1 台设备。</translation>
    </message>
    <message>
        <source>Save the use register</source>
        <translation>保存使用登记台账</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
</context>
<context>
    <name>RenewDialog</name>
    <message>
        <source>Issue a new certificate to %1</source>
        <translation>为 %1 换发执法证</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <source>Reset the password of %1</source>
        <translation>重设 %1 的密码</translation>
    </message>
</context>
<context>
    <name>ResultDialog</name>
    <message>
        <source>Inspection result</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>检查对象</translation>
    </message>
    <message>
        <source>Inspected by</source>
        <translation>检查人员</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>审核结论</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>检查日期</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <source>Rectification ordered</source>
        <translation>责令整改要求</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>RetentionPage</name>
    <message>
        <source>Files past their retention period. Important, held and open-case files are never listed. Removing them needs two administrators.</source>
        <translation>以下文件已超过保存期限。标记为重要、处于保全中或关联未结案件的文件不会列出。清理须经两名管理员。</translation>
    </message>
    <message>
        <source>Start purge</source>
        <translation>发起清理</translation>
    </message>
    <message>
        <source>Approve and purge</source>
        <translation>批准并清理</translation>
    </message>
    <message>
        <source>Only an administrator may purge footage.</source>
        <translation>仅系统管理员可以清理音视频资料。</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>录制时间</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小（字节）</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>保存类别</translation>
    </message>
    <message>
        <source>Kept until</source>
        <translation>保存至</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>%1 files due; no purge is waiting.</source>
        <translation>到期文件 %1 个；没有等待批准的清理。</translation>
    </message>
    <message>
        <source>A purge of %1 files started by %2 is waiting for a second administrator.</source>
        <translation>%2 发起的清理（%1 个文件）正在等待另一名管理员批准。</translation>
    </message>
    <message>
        <source>Purge of %1 files started: another administrator approves it.</source>
        <translation>已发起清理 %1 个文件，须由另一名管理员批准。</translation>
    </message>
    <message>
        <source>Removed %1 files; %2 kept as things changed.</source>
        <translation>已清理 %1 个文件；%2 个因情况变化保留。</translation>
    </message>
</context>
<context>
    <name>ReviewArea</name>
    <message>
        <source>Your roles do not allow viewing cases or their legal review.</source>
        <translation>您的角色不能查看案件及其法制审核。</translation>
    </message>
</context>
<context>
    <name>ReviewListPage</name>
    <message>
        <source>Case number</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>案由</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Due on</source>
        <translation>审核期限</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>审核人</translation>
    </message>
    <message>
        <source>Round</source>
        <translation>送审次数</translation>
    </message>
    <message>
        <source>My queue: submitted and in review</source>
        <translation>我的待审：已提交和审核中</translation>
    </message>
    <message>
        <source>Awaiting coordination</source>
        <translation>待协调</translation>
    </message>
    <message>
        <source>All reviews</source>
        <translation>全部审核</translation>
    </message>
    <message>
        <source>Overdue reviews</source>
        <translation>逾期审核</translation>
    </message>
    <message>
        <source>Reviews: %1</source>
        <translation>审核案件：%1</translation>
    </message>
    <message>
        <source> · overdue: %1</source>
        <translation> · 已逾期：%1</translation>
    </message>
    <message>
        <source> (overdue)</source>
        <translation>（已逾期）</translation>
    </message>
    <message>
        <source> (extended)</source>
        <translation>（已延期）</translation>
    </message>
</context>
<context>
    <name>ReviewPanel</name>
    <message>
        <source>Choose a review in the list, or open a case by its number.</source>
        <translation>请在列表中选择审核案件，或按案件编号打开。</translation>
    </message>
    <message>
        <source>Review opinion</source>
        <translation>审核意见</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>审核进程</translation>
    </message>
    <message>
        <source>Coordination</source>
        <translation>协调</translation>
    </message>
    <message>
        <source>State: %1</source>
        <translation>状态：%1</translation>
    </message>
    <message>
        <source>due %1</source>
        <translation>审核期限 %1</translation>
    </message>
    <message>
        <source> (extended)</source>
        <translation>（已延期）</translation>
    </message>
    <message>
        <source>reviewer %1</source>
        <translation>审核人 %1</translation>
    </message>
    <message>
        <source>submission %1</source>
        <translation>第 %1 次送审</translation>
    </message>
    <message>
        <source>OVERDUE: the time limit has passed.</source>
        <translation>已逾期：审核期限已过。</translation>
    </message>
    <message>
        <source>Needs legal review before the decision: %1</source>
        <translation>作出决定前须经法制审核：%1</translation>
    </message>
    <message>
        <source>The major-decision catalogue does not list this case today.</source>
        <translation>本案目前不属于重大执法决定目录清单范围。</translation>
    </message>
</context>
<context>
    <name>RoleBoxes</name>
    <message>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
</context>
<context>
    <name>RolesDialog</name>
    <message>
        <source>Roles of %1</source>
        <translation>%1 的角色</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>My settings</source>
        <translation>个人设置</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>Change my password…</source>
        <translation>修改我的密码…</translation>
    </message>
    <message>
        <source>Workstation</source>
        <translation>工作站</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Enforcement body</source>
        <translation>执法机关名称</translation>
    </message>
    <message>
        <source>Workstation id</source>
        <translation>工作站编号</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <source>Your password is changed.</source>
        <translation>您的密码已修改。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>This data folder is already open in another LawDesk window (process %1 on %2).</source>
        <translation>此数据文件夹已在另一个 LawDesk 窗口中打开（%2 上的进程 %1）。</translation>
    </message>
    <message>
        <source>The data folder is not set up yet.</source>
        <translation>数据文件夹尚未初始化。</translation>
    </message>
</context>
<context>
    <name>StatusDialog</name>
    <message>
        <source>Device status</source>
        <translation>设备状态</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变更事项</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>StatusReasonDialog</name>
    <message>
        <source>Revoke certificate %1</source>
        <translation>吊销执法证 %1</translation>
    </message>
    <message>
        <source>Suspend certificate %1</source>
        <translation>暂扣执法证 %1</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>StepsPage</name>
    <message>
        <source>Step</source>
        <translation>环节</translation>
    </message>
    <message>
        <source>State</source>
        <translation>办理状态</translation>
    </message>
    <message>
        <source>Done on</source>
        <translation>办理日期</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>记录人</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>可选环节</translation>
    </message>
    <message>
        <source>Record this step</source>
        <translation>记录此环节</translation>
    </message>
    <message>
        <source>optional, e.g. the approval form number</source>
        <translation>选填，如：审批表编号</translation>
    </message>
    <message>
        <source>Record a step</source>
        <translation>记录办案环节</translation>
    </message>
    <message>
        <source>done</source>
        <translation>已办理</translation>
    </message>
    <message>
        <source>next (optional)</source>
        <translation>下一环节（可选）</translation>
    </message>
    <message>
        <source>next</source>
        <translation>下一环节</translation>
    </message>
    <message>
        <source>not done</source>
        <translation>未办理</translation>
    </message>
    <message>
        <source>to do</source>
        <translation>待办理</translation>
    </message>
    <message>
        <source>Recorded: %1 on %2</source>
        <translation>已记录：%1（%2）</translation>
    </message>
</context>
<context>
    <name>SyncArea</name>
    <message>
        <source>Sync with headquarters</source>
        <translation>与总部同步</translation>
    </message>
    <message>
        <source>Enroll at headquarters…</source>
        <translation>注册到总部…</translation>
    </message>
    <message>
        <source>Headquarters</source>
        <translation>总部</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>所属科室</translation>
    </message>
    <message>
        <source>This workstation</source>
        <translation>本工作站</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Last success</source>
        <translation>上次成功同步</translation>
    </message>
    <message>
        <source>Last attempt</source>
        <translation>上次尝试</translation>
    </message>
    <message>
        <source>Next automatic sync</source>
        <translation>下次自动同步</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>最近错误</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Waiting to go up</source>
        <translation>待上传</translation>
    </message>
    <message>
        <source>Ledger entries</source>
        <translation>审计日志条目</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Last pass</source>
        <translation>上次同步结果</translation>
    </message>
    <message>
        <source>(arrives with the first sync)</source>
        <translation>（首次同步后显示）</translation>
    </message>
    <message>
        <source>Not enrolled at HQ: this workstation works offline</source>
        <translation>未注册到总部：本工作站离线工作</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 个（%2）</translation>
    </message>
    <message>
        <source>This workstation&apos;s clock is %1 s behind HQ&apos;s: correct the system time.</source>
        <translation>本工作站时钟比总部慢 %1 秒，请校正系统时间。</translation>
    </message>
    <message>
        <source>This workstation&apos;s clock is %1 s ahead of HQ&apos;s: correct the system time.</source>
        <translation>本工作站时钟比总部快 %1 秒，请校正系统时间。</translation>
    </message>
    <message>
        <source>at %1</source>
        <translation>%1</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>Footage</source>
        <translation>音视频</translation>
    </message>
    <message>
        <source>Thumbnail</source>
        <translation>缩略图</translation>
    </message>
    <message>
        <source>Offload manifest</source>
        <translation>导入清单</translation>
    </message>
    <message>
        <source>Case document</source>
        <translation>案件文书</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>签名</translation>
    </message>
    <message>
        <source>No pass has run yet.</source>
        <translation>尚未同步过。</translation>
    </message>
    <message>
        <source>Ledger entries sent: %1, reference records received: %2; files sent: %3 (%4), already at HQ: %5, confirmed: %6; %7 s.</source>
        <translation>已发送审计日志 %1 条，接收基础数据 %2 条；上传文件 %3 个（%4），总部已有 %5 个，已确认 %6 个；用时 %7 秒。</translation>
    </message>
    <message>
        <source>Problems: %1</source>
        <translation>问题：%1</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <source>The last pass failed: %1</source>
        <translation>上次同步失败：%1</translation>
    </message>
    <message>
        <source>The last pass finished.</source>
        <translation>上次同步已完成。</translation>
    </message>
</context>
<context>
    <name>TableExport</name>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Save every row of this list as an Excel workbook (.xlsx) or a CSV file</source>
        <translation>把列表的全部行保存为 Excel 工作簿（.xlsx）或 CSV 文件</translation>
    </message>
    <message>
        <source>Export the list</source>
        <translation>导出列表</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exported %1 rows to %2</source>
        <translation>已导出 %1 行到 %2</translation>
    </message>
</context>
<context>
    <name>TargetPicker</name>
    <message>
        <source>Case:</source>
        <translation>案件：</translation>
    </message>
    <message>
        <source>Step:</source>
        <translation>办案环节：</translation>
    </message>
    <message>
        <source>(no case: store unlinked)</source>
        <translation>（不关联案件，单独保存）</translation>
    </message>
</context>
<context>
    <name>UnitDialog</name>
    <message>
        <source>Edit unit</source>
        <translation>编辑科室</translation>
    </message>
    <message>
        <source>New unit</source>
        <translation>新增科室</translation>
    </message>
    <message>
        <source>used in document numbers, e.g. 执一</source>
        <translation>用于文书编号，如“执一”</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Short name</source>
        <translation>简称</translation>
    </message>
</context>
<context>
    <name>UnitPage</name>
    <message>
        <source>First unit</source>
        <translation>首个执法单位</translation>
    </message>
    <message>
        <source>The unit (科室、中队) whose officers use this workstation. Leave it empty to skip; units are added in Administration at any time.</source>
        <translation>使用本工作站的执法单位（科室、中队）。不填即跳过，之后可随时在“系统管理”中添加。</translation>
    </message>
    <message>
        <source>e.g. 综合执法一科</source>
        <translation>如：综合执法一科</translation>
    </message>
    <message>
        <source>e.g. 执一 (used in case numbers)</source>
        <translation>如：执一（用于案件编号）</translation>
    </message>
    <message>
        <source>Unit name</source>
        <translation>单位名称</translation>
    </message>
    <message>
        <source>Short name</source>
        <translation>简称</translation>
    </message>
    <message>
        <source>First unit: skipped (Administration → Units).</source>
        <translation>首个单位：已跳过（可在“系统管理 → 单位”中添加）。</translation>
    </message>
    <message>
        <source>Unit %1 added.</source>
        <translation>单位 %1 已添加。</translation>
    </message>
</context>
<context>
    <name>UnitsPage</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Short name</source>
        <translation>简称</translation>
    </message>
    <message>
        <source>Officers</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>New unit…</source>
        <translation>新增科室…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <source>New user</source>
        <translation>新增用户</translation>
    </message>
    <message>
        <source>certificate number, for officer accounts</source>
        <translation>执法证号（执法人员账号必填）</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>显示名称</translation>
    </message>
    <message>
        <source>Linked officer</source>
        <translation>关联执法人员</translation>
    </message>
</context>
<context>
    <name>WithdrawDialog</name>
    <message>
        <source>Withdraw a disclosure</source>
        <translation>撤回执法公示</translation>
    </message>
    <message>
        <source>Why the decision was changed, revoked or found void: published with the notice</source>
        <translation>决定被变更、撤销或确认无效的理由，将随撤回公告一并公开</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>公示记录</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>撤回理由</translation>
    </message>
</context>
<context>
    <name>WorkstationSettings</name>
    <message>
        <source>Also compute it when offloading (beside SHA-256)</source>
        <translation>导入时同时计算（与 SHA-256 并行）</translation>
    </message>
    <message>
        <source>Through the page cache (faster)</source>
        <translation>经页缓存读回（较快）</translation>
    </message>
    <message>
        <source>From the disk itself (slower, also checks the disk)</source>
        <translation>从磁盘重新读取（较慢，同时检验磁盘）</translation>
    </message>
    <message>
        <source>Start as soon as a recognised recorder is plugged in</source>
        <translation>插入已识别的执法记录仪后立即开始导入</translation>
    </message>
    <message>
        <source>Erase the files from the recorder once they are verified in the store</source>
        <translation>文件校验入库后，删除执法记录仪上的原文件</translation>
    </message>
    <message>
        <source> seconds</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Footage offload</source>
        <translation>音视频导入</translation>
    </message>
    <message>
        <source>SM3 hash</source>
        <translation>国密 SM3 哈希</translation>
    </message>
    <message>
        <source>Read-back check</source>
        <translation>入库读回校验</translation>
    </message>
    <message>
        <source>Automatic offload</source>
        <translation>自动导入</translation>
    </message>
    <message>
        <source>Erase from the recorder</source>
        <translation>删除记录仪原文件</translation>
    </message>
    <message>
        <source>Sync with HQ</source>
        <translation>与总部同步</translation>
    </message>
    <message>
        <source>Automatic sync every</source>
        <translation>自动同步间隔</translation>
    </message>
    <message>
        <source>Upload piece size</source>
        <translation>上传分块大小</translation>
    </message>
    <message>
        <source>Device custody</source>
        <translation>设备领用</translation>
    </message>
    <message>
        <source>Devices of one type per officer</source>
        <translation>每人同类设备领用上限</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Erase files from recorders?</source>
        <translation>删除执法记录仪上的文件？</translation>
    </message>
    <message>
        <source>From now on, each file offloaded from a recorder is erased from the recorder as soon as its copy is verified in the evidence store. Erased files cannot be recovered from the recorder.

Turn this on?</source>
        <translation>开启后，从执法记录仪导入的每个文件在证据库中校验无误后，即从记录仪上删除原文件，删除后无法在记录仪上恢复。

确定开启吗？</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>_CustodyDialog</name>
    <message>
        <source>Scan or type the device serial, then Enter</source>
        <translation>扫描或输入设备序列号后按回车</translation>
    </message>
    <message>
        <source>Clear signature</source>
        <translation>清除签名</translation>
    </message>
    <message>
        <source>Officer&apos;s signature</source>
        <translation>执法人员签名</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>The officer has not signed on the pad yet.</source>
        <translation>执法人员尚未在签名板上签名。</translation>
    </message>
</context>
</TS>
