"""What each kind of department does and spends on: the raw material the sample reports are made of.

Each `Department` names its unit for a given place, lists the projects such a unit typically runs
(with the indicators a 绩效自评表 for that project would hold) and the words its prose uses.
All text here was written for this project; figures are drawn at random by the generator.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ingest.samples.places import Place


@dataclass(frozen=True)
class CountSpec:
    """A 数量指标 counted in `unit`, with a target drawn between lo and hi."""

    name: str
    unit: str
    lo: int
    hi: int


@dataclass(frozen=True)
class RateSpec:
    """A percentage indicator (质量指标 …) whose target is `target` percent."""

    name: str
    target: int


@dataclass(frozen=True)
class TextSpec:
    """A descriptive indicator (效益指标): target and achieved phrases."""

    name: str
    target: str
    actual: str


@dataclass(frozen=True)
class ProjectSpec:
    """A project a unit of this department might run, with its indicators and spending lines."""

    name: str
    counts: tuple[CountSpec, ...]
    rates: tuple[RateSpec, ...]
    benefits: tuple[TextSpec, ...]
    items: tuple[str, ...]
    purpose: str
    scale: tuple[int, int] = (20, 300)  # 全年预算数 range, 万元


@dataclass(frozen=True)
class Department:
    """A kind of department: how its unit is named in a place, its projects and its wording."""

    key: str
    naming: Callable[[Place], str]
    aliases: Callable[[Place], list[str]]
    duty: str
    offices: tuple[str, ...]
    projects: tuple[ProjectSpec, ...]
    benefit_department: tuple[TextSpec, ...] = field(default=())


def _party_name(place: Place, organ: str) -> str:
    return f"中共{place.formal}委{organ}"


ORGANIZATION = Department(
    key="zuzhibu",
    naming=lambda p: _party_name(p, "组织部"),
    aliases=lambda p: [f"{p.tier}委组织部", "组织部"],
    duty="主管组织工作和干部工作的职能部门，负责党的组织体系建设、干部队伍建设、人才工作和老干部服务管理",
    offices=("办公室", "组织股", "干部股", "干部监督股", "公务员管理股", "人才工作股", "老干部工作股"),
    projects=(
        ProjectSpec(
            "基层党组织建设经费",
            (CountSpec("培训村（社区）党组织书记", "人", 150, 600),
             CountSpec("建设党建示范点", "个", 5, 30),
             CountSpec("整顿软弱涣散基层党组织", "个", 6, 25)),
            (RateSpec("党支部标准化建设达标率", 95), RateSpec("经费拨付到位率", 100)),
            (TextSpec("基层党组织凝聚力和战斗力", "持续增强", "明显增强"),),
            ("办公费", "印刷费", "培训费", "差旅费"),
            "用于基层党组织规范化建设、党员教育管理和软弱涣散党组织整顿",
            (15, 80),
        ),
        ProjectSpec(
            "党员教育培训经费",
            (CountSpec("举办党员示范培训班", "期", 3, 12),
             CountSpec("培训党员", "人次", 800, 5000),
             CountSpec("开发党员教育课程", "堂", 5, 20)),
            (RateSpec("参训党员考核合格率", 95),),
            (TextSpec("党员队伍综合素质", "有所提升", "明显提升"),),
            ("培训费", "印刷费", "劳务费", "委托业务费"),
            "用于党员集中轮训、远程教育站点维护和党员教育课程开发",
            (10, 60),
        ),
        ProjectSpec(
            "人才发展专项资金",
            (CountSpec("引进高层次人才", "名", 5, 40),
             CountSpec("发放人才安家补助", "人", 10, 60),
             CountSpec("建设人才工作站", "个", 2, 10)),
            (RateSpec("人才政策兑现率", 100),),
            (TextSpec("人才对经济社会发展的支撑作用", "不断增强", "有效增强"),),
            ("人才安家补助", "专家咨询费", "培训费", "宣传费"),
            "用于引进和培育各类人才、兑现人才政策、建设人才服务阵地",
            (40, 300),
        ),
        ProjectSpec(
            "老干部活动经费",
            (CountSpec("组织老干部学习报告会", "场次", 4, 15),
             CountSpec("走访慰问离退休干部", "人次", 80, 400)),
            (RateSpec("老干部体检覆盖率", 95), RateSpec("活动安全事故发生率", 1)),
            (TextSpec("离退休干部获得感", "持续提升", "明显提升"),),
            ("慰问费", "体检费", "活动场地租赁费", "交通费"),
            "用于离退休干部政治学习、文体活动、走访慰问和健康体检",
            (10, 60),
        ),
    ),
    benefit_department=(TextSpec("党组织覆盖率", "100%", "100%"),
                        TextSpec("干部工作管理水平", "有提升", "有提升")),
)

FINANCE = Department(
    key="caizheng",
    naming=lambda p: f"{p.formal}财政局",
    aliases=lambda p: [f"{p.tier}财政局", "财政局"],
    duty="主管全" + "{tier}" + "财政收支、财税政策和国有资本经营的政府工作部门，负责预算编制、执行和绩效管理",
    offices=("办公室", "预算股", "国库股", "绩效评价股", "政府采购管理股", "综合股", "农业股"),
    projects=(
        ProjectSpec(
            "财政信息化建设经费",
            (CountSpec("维护业务系统", "套", 4, 12),
             CountSpec("完成系统升级改造", "项", 2, 8)),
            (RateSpec("系统正常运行率", 99), RateSpec("数据安全事件处置率", 100), RateSpec("系统故障停机率", 1)),
            (TextSpec("预算管理一体化水平", "稳步提升", "有效提升"),),
            ("软件运维费", "网络租赁费", "设备购置费"),
            "用于预算管理一体化系统运行维护、网络安全和设备更新",
            (50, 400),
        ),
        ProjectSpec(
            "预算绩效评价第三方服务费",
            (CountSpec("开展重点项目绩效评价", "个", 5, 25),
             CountSpec("审核部门绩效目标", "个", 40, 160)),
            (RateSpec("评价报告按期提交率", 100),),
            (TextSpec("财政资金使用效益", "有所提高", "明显提高"),),
            ("委托业务费", "专家评审费", "印刷费"),
            "用于委托第三方机构开展重点项目和部门整体支出绩效评价",
            (20, 120),
        ),
        ProjectSpec(
            "政府采购监管经费",
            (CountSpec("开展政府采购专项检查", "次", 2, 8),
             CountSpec("培训采购人和代理机构人员", "人次", 100, 500)),
            (RateSpec("采购信息公开率", 100),),
            (TextSpec("政府采购营商环境", "持续优化", "持续优化"),),
            ("专家评审费", "培训费", "办公费"),
            "用于政府采购监督检查、评审专家管理和业务培训",
            (8, 40),
        ),
    ),
    benefit_department=(TextSpec("预算执行进度", "符合序时要求", "符合序时要求"),),
)

EDUCATION = Department(
    key="jiaoyu",
    naming=lambda p: f"{p.formal}教育局",
    aliases=lambda p: [f"{p.tier}教育局", "教育局"],
    duty="主管全" + "{tier}" + "教育工作的政府工作部门，负责各级各类学校的规划、管理、督导和教育经费统筹",
    offices=("办公室", "计划财务股", "基础教育股", "人事股", "学生资助管理中心", "安全稳定股"),
    projects=(
        ProjectSpec(
            "学生资助专项资金",
            (CountSpec("资助家庭经济困难学生", "人次", 1500, 9000),
             CountSpec("发放生源地信用助学贷款", "人", 200, 1500)),
            (RateSpec("资助对象认定准确率", 100), RateSpec("资助资金足额发放率", 100)),
            (TextSpec("因贫失学辍学现象", "有效杜绝", "未发生"),),
            ("国家助学金", "营养改善计划补助", "贫困寄宿生生活补助"),
            "用于落实各学段家庭经济困难学生资助政策",
            (200, 1500),
        ),
        ProjectSpec(
            "义务教育薄弱环节改善与能力提升",
            (CountSpec("改造学校校舍", "所", 3, 15),
             CountSpec("新增学位", "个", 200, 1800),
             CountSpec("配备教学仪器设备", "套", 20, 120)),
            (RateSpec("工程验收合格率", 100),),
            (TextSpec("农村学校办学条件", "明显改善", "明显改善"),),
            ("工程建设费", "设备购置费", "监理费"),
            "用于农村义务教育学校校舍改造和教学装备配备",
            (300, 2500),
        ),
        ProjectSpec(
            "教师培训经费",
            (CountSpec("培训中小学教师", "人次", 600, 4000),
             CountSpec("举办骨干教师研修班", "期", 3, 12)),
            (RateSpec("参训教师结业率", 95),),
            (TextSpec("教师专业能力", "稳步提升", "稳步提升"),),
            ("培训费", "差旅费", "资料费"),
            "用于中小学教师全员培训和骨干教师研修",
            (30, 200),
        ),
        ProjectSpec(
            "校园安全保障经费",
            (CountSpec("配备校园专职保安", "人", 40, 300),
             CountSpec("开展应急疏散演练", "次", 20, 120)),
            (RateSpec("中小学校视频监控覆盖率", 100), RateSpec("校园安全责任事故发生率", 1)),
            (TextSpec("师生安全感", "进一步增强", "进一步增强"),),
            ("安保服务费", "设备购置费", "维修费"),
            "用于中小学安保人员聘用、安防设施建设和安全教育",
            (60, 400),
        ),
    ),
    benefit_department=(TextSpec("义务教育巩固率", "≥98%", "99.2%"),),
)

HEALTH = Department(
    key="weijian",
    # cities keep a 委员会; most counties and districts merged theirs into a 卫生健康局
    naming=lambda p: f"{p.formal}卫生健康委员会" if p.county is None else f"{p.formal}卫生健康局",
    aliases=lambda p: ["市卫健委", "市卫生健康委"] if p.county is None else [f"{p.tier}卫健局", f"{p.tier}卫生健康局"],
    duty="主管全" + "{tier}" + "卫生健康工作的政府工作部门，负责医疗服务、疾病预防控制、基层卫生和人口家庭工作",
    offices=("办公室", "规划财务股", "医政医管股", "基层卫生健康股", "疾病预防控制股", "人口家庭股"),
    projects=(
        ProjectSpec(
            "基本公共卫生服务项目",
            (CountSpec("建立居民电子健康档案", "份", 80000, 400000),
             CountSpec("规范管理高血压患者", "人", 8000, 40000),
             CountSpec("开展老年人健康体检", "人", 10000, 50000)),
            (RateSpec("适龄儿童国家免疫规划疫苗接种率", 90), RateSpec("孕产妇系统管理率", 90)),
            (TextSpec("居民健康素养水平", "逐步提高", "有所提高"),),
            ("基层医疗卫生机构补助", "健康教育宣传费", "体检服务费"),
            "用于城乡居民基本公共卫生服务补助",
            (500, 3000),
        ),
        ProjectSpec(
            "家庭医生签约服务经费",
            (CountSpec("组建家庭医生团队", "个", 40, 200),
             CountSpec("签约重点人群", "万人", 3, 20)),
            (RateSpec("重点人群签约服务覆盖率", 75),),
            (TextSpec("群众就医便利程度", "有所提高", "明显提高"),),
            ("签约服务补助", "培训费", "宣传费"),
            "用于家庭医生团队签约服务补助和能力培训",
            (50, 400),
        ),
        ProjectSpec(
            "计划生育特别扶助资金",
            (CountSpec("发放特别扶助金对象", "人", 300, 2500),),
            (RateSpec("扶助资金按时足额发放率", 100), RateSpec("扶助对象资格审核准确率", 100)),
            (TextSpec("计划生育特殊家庭生活保障", "有效改善", "有效改善"),),
            ("特别扶助金", "奖励扶助金"),
            "用于计划生育家庭奖励扶助和特别扶助",
            (80, 600),
        ),
    ),
    benefit_department=(TextSpec("居民人均预期寿命", "稳步提高", "稳步提高"),),
)

AGRICULTURE = Department(
    key="nongye",
    naming=lambda p: f"{p.formal}农业农村局",
    aliases=lambda p: [f"{p.tier}农业农村局", "农业农村局"],
    duty="主管全" + "{tier}" + "农业农村工作的政府工作部门，负责粮食生产、耕地保护、农村改革和乡村建设",
    offices=("办公室", "计划财务股", "种植业管理股", "农田建设管理股", "畜牧水产股", "农村社会事业促进股"),
    projects=(
        ProjectSpec(
            "耕地地力保护补贴",
            (CountSpec("补贴耕地面积", "万亩", 10, 80),
             CountSpec("补贴农户", "户", 20000, 120000)),
            (RateSpec("补贴资金兑付率", 100),),
            (TextSpec("农民种粮积极性", "有效保护", "有效保护"),),
            ("耕地地力保护补贴资金",),
            "用于按补贴面积向种粮农户发放耕地地力保护补贴",
            (500, 4000),
        ),
        ProjectSpec(
            "高标准农田建设项目",
            (CountSpec("新建高标准农田", "万亩", 1, 8),
             CountSpec("新建改造渠道", "公里", 10, 90)),
            (RateSpec("工程质量验收合格率", 100), RateSpec("工程质量事故发生率", 2)),
            (TextSpec("项目区粮食综合生产能力", "明显提高", "明显提高"),),
            ("工程施工费", "勘测设计费", "监理费"),
            "用于田块整治、灌溉排水和田间道路等高标准农田建设",
            (600, 5000),
        ),
        ProjectSpec(
            "动物防疫补助经费",
            (CountSpec("开展强制免疫动物", "万头（只）", 20, 200),
             CountSpec("聘用村级防疫员", "人", 50, 300)),
            (RateSpec("免疫抗体合格率", 70), RateSpec("病死畜禽无害化处理率", 100)),
            (TextSpec("区域性重大动物疫情", "不发生", "未发生"),),
            ("疫苗采购费", "防疫员劳务补助", "无害化处理补助"),
            "用于重大动物疫病强制免疫、监测和病死畜禽无害化处理",
            (50, 400),
        ),
        ProjectSpec(
            "农村人居环境整治经费",
            (CountSpec("完成农村户厕改造", "户", 500, 4000),
             CountSpec("建设村庄保洁设施", "处", 20, 150)),
            (RateSpec("户厕改造验收合格率", 95),),
            (TextSpec("农村人居环境", "持续改善", "明显改善"),),
            ("户厕改造补助", "保洁设施购置费", "宣传费"),
            "用于农村户厕改造、生活垃圾收运和村庄清洁行动",
            (100, 900),
        ),
    ),
    benefit_department=(TextSpec("粮食播种面积", "稳定", "保持稳定"),),
)

CIVIL_AFFAIRS = Department(
    key="minzheng",
    naming=lambda p: f"{p.formal}民政局",
    aliases=lambda p: [f"{p.tier}民政局", "民政局"],
    duty="主管全" + "{tier}" + "社会救助、养老服务、社会事务和基层政权建设的政府工作部门",
    offices=("办公室", "社会救助股", "养老服务股", "社会事务股", "基层政权建设股", "计划财务股"),
    projects=(
        ProjectSpec(
            "城乡最低生活保障资金",
            (CountSpec("保障城乡低保对象", "人", 3000, 25000),),
            (RateSpec("低保金按月足额发放率", 100), RateSpec("低保对象动态核查率", 100)),
            (TextSpec("困难群众基本生活", "得到有效保障", "得到有效保障"),),
            ("城市低保金", "农村低保金"),
            "用于城乡低保对象基本生活保障金发放",
            (800, 6000),
        ),
        ProjectSpec(
            "养老服务体系建设资金",
            (CountSpec("建设社区居家养老服务中心", "个", 3, 20),
             CountSpec("为高龄老人发放津贴", "人", 1000, 9000)),
            (RateSpec("养老机构消防安全达标率", 100), RateSpec("服务对象有效投诉率", 3)),
            (TextSpec("老年人生活质量", "有所提高", "有所提高"),),
            ("建设补助", "高龄津贴", "运营补贴"),
            "用于居家和社区养老服务设施建设及高龄津贴发放",
            (100, 800),
        ),
        ProjectSpec(
            "残疾人两项补贴",
            (CountSpec("发放困难残疾人生活补贴", "人", 1000, 8000),
             CountSpec("发放重度残疾人护理补贴", "人", 1000, 8000)),
            (RateSpec("补贴对象认定准确率", 100),),
            (TextSpec("残疾人基本生活", "有效保障", "有效保障"),),
            ("困难残疾人生活补贴", "重度残疾人护理补贴"),
            "用于困难残疾人生活补贴和重度残疾人护理补贴发放",
            (100, 900),
        ),
    ),
    benefit_department=(TextSpec("社会救助兜底保障水平", "有提升", "有提升"),),
)

DEPARTMENTS: tuple[Department, ...] = (ORGANIZATION, FINANCE, EDUCATION, HEALTH, AGRICULTURE, CIVIL_AFFAIRS)

# Projects almost every unit runs besides its line work; they fill the department-wide project tables.
COMMON_PROJECTS: tuple[ProjectSpec, ...] = (
    ProjectSpec(
        "机关业务工作经费",
        (CountSpec("开展专项业务工作", "项", 4, 15),),
        (RateSpec("业务工作完成率", 95),),
        (TextSpec("履职保障能力", "有效提升", "有效提升"),),
        ("办公费", "印刷费", "差旅费", "会议费"),
        "用于保障单位各项业务工作正常开展",
        (20, 150),
    ),
    ProjectSpec(
        "信息化运行维护经费",
        (CountSpec("维护信息系统", "套", 2, 8),),
        (RateSpec("系统正常运行率", 98),),
        (TextSpec("办公效率", "有所提升", "有所提升"),),
        ("软件运维费", "网络租赁费"),
        "用于业务信息系统运行维护和网络安全保障",
        (10, 80),
    ),
    ProjectSpec(
        "办公设备购置经费",
        (CountSpec("购置办公设备", "台（套）", 10, 60),),
        (RateSpec("设备验收合格率", 100),),
        (TextSpec("办公条件", "有所改善", "有所改善"),),
        ("设备购置费",),
        "用于更新老旧办公设备",
        (5, 40),
    ),
)
