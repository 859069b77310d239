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
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <source>Set up the workstation</source>
        <translation>初始化工作站</translation>
    </message>
    <message>
        <source>Created the first administrator</source>
        <translation>创建首个管理员</translation>
    </message>
    <message>
        <source>Added a unit</source>
        <translation>新增科室</translation>
    </message>
    <message>
        <source>Changed a unit</source>
        <translation>修改科室</translation>
    </message>
    <message>
        <source>Added an officer</source>
        <translation>新增执法人员</translation>
    </message>
    <message>
        <source>Changed an officer</source>
        <translation>修改执法人员</translation>
    </message>
    <message>
        <source>Issued a certificate</source>
        <translation>换发执法证</translation>
    </message>
    <message>
        <source>Reinstated a certificate</source>
        <translation>恢复执法证</translation>
    </message>
    <message>
        <source>Suspended a certificate</source>
        <translation>暂扣执法证</translation>
    </message>
    <message>
        <source>Revoked a certificate</source>
        <translation>吊销执法证</translation>
    </message>
    <message>
        <source>Added a user</source>
        <translation>新增用户</translation>
    </message>
    <message>
        <source>Changed roles</source>
        <translation>修改角色</translation>
    </message>
    <message>
        <source>Enabled an account</source>
        <translation>启用账号</translation>
    </message>
    <message>
        <source>Disabled an account</source>
        <translation>停用账号</translation>
    </message>
    <message>
        <source>Reset a password</source>
        <translation>重设密码</translation>
    </message>
    <message>
        <source>Changed own password</source>
        <translation>修改本人密码</translation>
    </message>
    <message>
        <source>Failed login</source>
        <translation>登录失败</translation>
    </message>
    <message>
        <source>Login while locked</source>
        <translation>锁定期间尝试登录</translation>
    </message>
    <message>
        <source>Login to a disabled account</source>
        <translation>尝试登录已停用账号</translation>
    </message>
    <message>
        <source>Login after failures</source>
        <translation>失败后登录成功</translation>
    </message>
    <message>
        <source>Password hash upgraded</source>
        <translation>升级密码哈希</translation>
    </message>
    <message>
        <source>Changed a setting</source>
        <translation>修改设置</translation>
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
    <name>AreaPlaceholder</name>
    <message>
        <source>This area is not available yet in this version.</source>
        <translation>本版本尚未提供此功能。</translation>
    </message>
</context>
<context>
    <name>AuditLogPage</name>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
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
        <source>Refresh</source>
        <translation>刷新</translation>
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
    <name>Fields</name>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>short name</source>
        <translation>简称</translation>
    </message>
    <message>
        <source>post</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>certificate number</source>
        <translation>证号</translation>
    </message>
    <message>
        <source>category</source>
        <translation>执法类别</translation>
    </message>
    <message>
        <source>area</source>
        <translation>执法区域</translation>
    </message>
    <message>
        <source>valid from</source>
        <translation>有效期自</translation>
    </message>
    <message>
        <source>valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>user name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>display name</source>
        <translation>显示名称</translation>
    </message>
    <message>
        <source>enabled</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>failed logins</source>
        <translation>连续失败次数</translation>
    </message>
    <message>
        <source>locked until</source>
        <translation>锁定至</translation>
    </message>
    <message>
        <source>password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>setting</source>
        <translation>设置项</translation>
    </message>
    <message>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>public key</source>
        <translation>公钥</translation>
    </message>
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
    <name>FirstRunDialog</name>
    <message>
        <source>Set up LawDesk</source>
        <translation>LawDesk 初始设置</translation>
    </message>
    <message>
        <source>This data folder is new. Create the administrator account; the administrator then adds units, officers and other users.</source>
        <translation>这是一个新的数据文件夹。请创建系统管理员账号，再由管理员添加科室、执法人员和其他用户。</translation>
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
        <translation>确认密码</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
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
        <source>Audio and video offloaded from body cameras and recorders over USB, hashed and verified, tied to officer, device and case: thumbnails, filters, playback, hashes and history.</source>
        <translation>通过 USB 从执法记录仪和录音笔导入的音像资料，逐一计算哈希并校验，关联执法人员、设备和案件：缩略图、筛选、播放、哈希值和流转记录。</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>执法设备</translation>
    </message>
    <message>
        <source>The register of recording devices, checkout to certified officers and check-in, overdue devices, and the equipment ratio standards with their shortfall report.</source>
        <translation>执法记录设备台账，向持证执法人员发放和收回设备，逾期未还设备，以及设备配备比例标准和缺口报告。</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>案件管理</translation>
    </message>
    <message>
        <source>Cases with parties, officers, steps and linked evidence, and the standard case documents filled from them and printed as PDF.</source>
        <translation>案件的当事人、承办人员、办案环节和关联证据，以及据此自动填写并输出为 PDF 的标准执法文书。</translation>
    </message>
    <message>
        <source>Legal review</source>
        <translation>法制审核</translation>
    </message>
    <message>
        <source>Legal review of major enforcement decisions: the catalogue of major decisions, review deadlines, reviewers&apos; opinions and disagreements.</source>
        <translation>重大执法决定法制审核：重大执法决定目录清单、审核时限、审核意见及意见分歧处理。</translation>
    </message>
    <message>
        <source>Disclosure</source>
        <translation>执法公示</translation>
    </message>
    <message>
        <source>Enforcement disclosure: item, subject and personnel lists, decision disclosures within their working-day deadlines, masking of personal data, and export to the portal.</source>
        <translation>行政执法公示：执法事项、主体和人员清单，按工作日时限公示执法决定，个人信息脱敏，并导出到公示平台。</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>数据同步</translation>
    </message>
    <message>
        <source>Synchronisation with headquarters: the queue of records and footage waiting to go up, progress, last success and errors.</source>
        <translation>与总部的数据同步：待上传的记录和音像资料队列、进度、最近一次成功时间和错误。</translation>
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
        <source>Sync: not enrolled with headquarters; working offline</source>
        <translation>同步：尚未接入总部，离线工作中</translation>
    </message>
    <message>
        <source>LawDesk %1
Workstation for enforcement disclosure, whole-process recording and legal review of major decisions.</source>
        <translation>LawDesk %1
行政执法公示、执法全过程记录、重大执法决定法制审核工作站。</translation>
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
        <source>Reason</source>
        <translation>原因</translation>
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
</context>
<context>
    <name>Records</name>
    <message>
        <source>Unit</source>
        <translation>科室</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>执法人员</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>执法证</translation>
    </message>
    <message>
        <source>User account</source>
        <translation>用户账号</translation>
    </message>
    <message>
        <source>User role</source>
        <translation>用户角色</translation>
    </message>
    <message>
        <source>Workstation</source>
        <translation>工作站</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>登录</translation>
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
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
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
    <name>UiSession</name>
    <message>
        <source>LawDesk</source>
        <translation>LawDesk</translation>
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
</TS>
